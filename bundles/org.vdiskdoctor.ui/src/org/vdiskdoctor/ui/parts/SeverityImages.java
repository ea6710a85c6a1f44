// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.ui.parts;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.vdiskdoctor.core.Severity;

/**
 * Small coloured discs drawn with SWT (no image files): red error, amber warning, blue info, green no findings,
 * grey not known yet. Disposed with the control they were made for.
 */
public final class SeverityImages {

    private static final int SIZE = 14;

    private final Map<Severity, Image> bySeverity = new EnumMap<>(Severity.class);
    private final Image ok;
    private final Image unknown;

    /** Makes the images; they are disposed when {@code owner} is. */
    public SeverityImages(Control owner) {
        Display d = owner.getDisplay();
        bySeverity.put(Severity.ERROR, disc(d, new RGB(0xd3, 0x2f, 0x2f)));
        bySeverity.put(Severity.WARNING, disc(d, new RGB(0xf5, 0x9e, 0x0b)));
        bySeverity.put(Severity.INFO, disc(d, new RGB(0x1e, 0x6f, 0xd9)));
        ok = disc(d, new RGB(0x2e, 0x9d, 0x4b));
        unknown = disc(d, new RGB(0xa0, 0xa0, 0xa0));
        owner.addDisposeListener(e -> {
            bySeverity.values().forEach(Image::dispose);
            ok.dispose();
            unknown.dispose();
        });
    }

    /** The disc for the worst severity of something whose findings are known ({@code null}: nothing found). */
    public Image of(Severity worst) {
        return worst == null ? ok : bySeverity.get(worst);
    }

    /** The grey disc: still being diagnosed, or not diagnosed. */
    public Image unknown() {
        return unknown;
    }

    /** A disc with soft edges: the colour everywhere, the coverage (4x4 samples per pixel) as alpha. */
    private static Image disc(Display d, RGB rgb) {
        ImageData data = new ImageData(SIZE, SIZE, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        int pixel = data.palette.getPixel(rgb);
        double c = SIZE / 2.0, r = SIZE / 2.0 - 1;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int inside = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        double dx = x + (sx + 0.5) / 4 - c, dy = y + (sy + 0.5) / 4 - c;
                        if (dx * dx + dy * dy <= r * r) inside++;
                    }
                }
                data.setPixel(x, y, pixel);
                data.setAlpha(x, y, inside * 255 / 16);
            }
        }
        return new Image(d, data);
    }
}
