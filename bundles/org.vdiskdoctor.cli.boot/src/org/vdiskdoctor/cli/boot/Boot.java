// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.boot;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Starts the command line: an Equinox framework with the product's headless bundles, then the command in bundle
 * {@code org.vdiskdoctor.cli} ({@code org.vdiskdoctor.cli.internal.CliLaunch.run(BundleContext, String[])}, which
 * returns the exit code). The Eclipse launcher and application container are not used: for a process that lives a
 * second they cost more than the work (launcher jar scan, extension registry, content types, preferences, jobs).
 * <p>
 * {@code java -cp org.vdiskdoctor.cli.boot.jar:org.eclipse.osgi.jar [-Dvdiskdoctor.state=FOLDER]
 * org.vdiskdoctor.cli.boot.Boot ARGS...} — {@code ./vdisk-doctor} runs this with an unsigned copy of the framework
 * jar and a per-user state folder (see {@link FrameworkState}). Without a state folder, or when it cannot be written,
 * the framework runs from a private temporary folder deleted at the end. Exit code 13 when the command line cannot
 * be started, with the reason on stderr.
 */
public final class Boot {

    static final String CLI_BUNDLE = "org.vdiskdoctor.cli";
    static final String CLI_ENTRY = "org.vdiskdoctor.cli.internal.CliLaunch";
    static final String EQUINOX_FACTORY = "org.eclipse.osgi.launch.EquinoxFactory";
    static final String STATE_PROPERTY = "vdiskdoctor.state";
    static final int EXIT_LAUNCH = 13;
    static final int EXIT_TOOL_FAILURE = 1;
    /** {@code -Dvdiskdoctor.boot.trace=true}: the JVM uptime at each step of the start, on stderr (for benchmarks). */
    static final boolean TRACE = Boolean.getBoolean("vdiskdoctor.boot.trace");

    private final Path product;

    Boot(Path product) {
        this.product = product;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new Boot(productFolder()).run(args, System.getProperty(STATE_PROPERTY));
        } catch (LaunchException e) {
            System.err.println("vdisk-doctor: " + e.getMessage());
            if (e.getCause() != null) e.getCause().printStackTrace();
            code = EXIT_LAUNCH;
        }
        System.out.flush();
        // The framework is not stopped after a run on the kept state: stopping would write that state (SCR saves its
        // component cache) while other runs read it, and there is nothing to save. Nothing of ours needs a stop:
        // every file a command writes is closed by the time it returns.
        System.exit(code);
    }

    /** The product folder: this jar lies in its plugins folder. */
    static Path productFolder() throws LaunchException {
        try {
            Path jar = Path.of(Boot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path plugins = jar.getParent();
            if (plugins == null || plugins.getParent() == null) throw new LaunchException("no product around " + jar);
            return plugins.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new LaunchException("cannot tell where the product is installed: " + e);
        }
    }

    static void trace(String step) {
        if (TRACE) {
            System.err.printf("boot: %5d ms %s%n", java.lang.management.ManagementFactory.getRuntimeMXBean()
                    .getUptime(), step);
        }
    }

    int run(String[] args, String stateFolder) throws LaunchException {
        trace("main");
        if (stateFolder == null || stateFolder.isBlank()) return runPrivately(BundleList.read(product), args);
        Path folder = Path.of(stateFolder);
        // The framework starts from the kept state as its marker describes it, while another thread reads the
        // product's bundle list; the two must agree before the command runs (on a 2-CPU machine this hides the
        // bundle list's read behind the framework's init).
        FutureTask<List<BundleList.Entry>> listing = new FutureTask<>(() -> BundleList.read(product));
        Thread reader = new Thread(listing, "vdisk-doctor bundle list");
        reader.setDaemon(true);
        reader.start();
        String promised = FrameworkState.promised(folder);
        Framework framework = promised == null ? null : startOrNull(folder, BundleList.topLevel(promised));
        List<BundleList.Entry> bundles = join(listing);
        trace("bundle list read");
        FrameworkState state = new FrameworkState(folder, BundleList.fingerprint(bundles));
        boolean ready = state.fingerprint().equals(promised);
        if (framework != null) {
            if (ready && holds(framework, bundles)) return call(framework, args);
            stop(framework);
        }
        // No state yet, a state made for another bundle list, or one the framework cannot use or that does not hold
        // the bundles its marker promises (forced: the marker looks right): made again.
        try {
            state.make(f -> {
                Framework maker = start(f, topLevel(bundles), bundles, false);
                stop(maker); // saves the module database and SCR's component cache
            }, ready);
        } catch (IOException e) {
            return runPrivately(bundles, args); // the folder cannot be written: still run, only slower
        }
        framework = startOrNull(state.folder(), topLevel(bundles));
        if (framework != null && holds(framework, bundles)) return call(framework, args);
        if (framework != null) stop(framework);
        return runPrivately(bundles, args);
    }

    private static List<BundleList.Entry> join(FutureTask<List<BundleList.Entry>> listing) throws LaunchException {
        try {
            return listing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LaunchException l) throw l;
            throw new LaunchException("cannot read the product's bundle list: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while reading the product's bundle list");
        }
    }

    private static int topLevel(List<BundleList.Entry> bundles) {
        return bundles.stream().mapToInt(BundleList.Entry::startLevel).max().orElse(1);
    }

    /** Starts a framework on the kept state, read-only; null when the state cannot be used (damaged storage). */
    private static Framework startOrNull(Path folder, int beginningLevel) {
        try {
            return start(folder, beginningLevel, null, true);
        } catch (LaunchException e) {
            return null;
        }
    }

    private int runPrivately(List<BundleList.Entry> bundles, String[] args) throws LaunchException {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("vdisk-doctor-osgi");
        } catch (IOException e) {
            throw new LaunchException("cannot create a temporary folder for the OSGi framework: " + e.getMessage());
        }
        Framework framework = null;
        try {
            framework = start(tmp, topLevel(bundles), bundles, false);
            return call(framework, args);
        } finally {
            if (framework != null) stop(framework);
            deleteTree(tmp);
        }
    }

    /**
     * Starts a framework on {@code folder}. With {@code install}, the folder is emptied and every bundle installed (and
     * started when bundles.info says so, or lazily when the bundle asks for lazy activation); without, the bundles
     * installed in the folder are started as they were left. {@code readOnly}: nothing is written to the folder.
     */
    private static Framework start(Path folder, int beginningLevel, List<BundleList.Entry> install, boolean readOnly)
            throws LaunchException {
        boolean fresh = install != null;
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, folder.toString());
        if (fresh) config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (readOnly) config.put("osgi.configuration.area.readOnly", "true");
        config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(Math.max(beginningLevel, 1)));
        config.put("osgi.checkConfiguration", "false"); // the state is made per bundle list (the fingerprint)
        config.put("ds.cache.metadata", "true"); // SCR keeps the parsed component descriptions in the state
        Framework framework = factory().newFramework(config);
        try {
            framework.init();
            trace("framework initialized");
            if (fresh) install(framework.getBundleContext(), install);
            framework.start();
            trace("framework started");
        } catch (BundleException | RuntimeException e) {
            stop(framework);
            throw new LaunchException("the OSGi framework did not start: " + e.getMessage(), e);
        }
        return framework;
    }

    private static FrameworkFactory factory() throws LaunchException {
        try { // Equinox by name first: the service-loader lookup opens and scans the jar, ~15 ms of a start
            return (FrameworkFactory) Class.forName(EQUINOX_FACTORY).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            // not Equinox: whichever framework the class path has
        }
        Iterator<FrameworkFactory> it = ServiceLoader.load(FrameworkFactory.class, Boot.class.getClassLoader())
                .iterator();
        if (!it.hasNext()) throw new LaunchException("no OSGi framework on the class path (org.eclipse.osgi)");
        return it.next();
    }

    private static void install(BundleContext context, List<BundleList.Entry> bundles) throws BundleException {
        for (BundleList.Entry e : bundles) {
            Bundle b = context.installBundle(e.location());
            b.adapt(BundleStartLevel.class).setStartLevel(e.startLevel());
            if (b.getHeaders("").get(Constants.FRAGMENT_HOST) != null) continue; // fragments are not started
            if (e.autoStart()) {
                b.start();
            } else if (Constants.ACTIVATION_LAZY.equals(activationPolicy(b))) {
                // what Equinox does for a lazy bundle under the Eclipse launcher: SCR then sees its components
                b.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    private static String activationPolicy(Bundle b) {
        String policy = b.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY);
        return policy == null ? null : policy.split(";", 2)[0].strip();
    }

    /** Whether the framework holds exactly the listed bundles (a state of another list, or damaged, does not). */
    private static boolean holds(Framework framework, List<BundleList.Entry> bundles) {
        Set<String> installed = new HashSet<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getBundleId() != 0) installed.add(b.getLocation());
        }
        Set<String> wanted = new HashSet<>();
        for (BundleList.Entry e : bundles) wanted.add(e.location());
        return installed.equals(wanted);
    }

    /** Runs the command in the CLI bundle and returns its exit code. */
    private static int call(Framework framework, String[] args) throws LaunchException {
        Bundle cli = null;
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (CLI_BUNDLE.equals(b.getSymbolicName())) cli = b;
        }
        if (cli == null) throw new LaunchException("the product has no bundle " + CLI_BUNDLE);
        try {
            if ((cli.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                cli.start(Bundle.START_TRANSIENT); // says why when it cannot be resolved
            }
            Method entry = cli.loadClass(CLI_ENTRY).getMethod("run", BundleContext.class, String[].class);
            trace("command");
            int code = (Integer) entry.invoke(null, cli.getBundleContext(), args);
            trace("command done");
            return code;
        } catch (BundleException e) {
            throw new LaunchException("bundle " + CLI_BUNDLE + " cannot start: " + e.getMessage());
        } catch (InvocationTargetException e) {
            // the command handles its own failures; what reaches here is an Error (out of memory, stack overflow)
            System.err.println("vdisk-doctor: internal error: " + e.getCause());
            if (Boolean.getBoolean("vdiskdoctor.debug")) e.getCause().printStackTrace();
            return EXIT_TOOL_FAILURE;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new LaunchException("bundle " + CLI_BUNDLE + " has no entry point " + CLI_ENTRY + ".run: " + e, e);
        }
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | RuntimeException e) {
            // stopping after a failure: the failure is what gets reported
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary folder is not worth failing a finished command for
        }
    }
}
