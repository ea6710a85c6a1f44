// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.platform.virtualbox.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The hard disks of a VirtualBox {@code .vbox} file's media registry ({@code <MediaRegistry><HardDisks><HardDisk
 * uuid location format>}, differencing disks nested in their parents). Parsed with every external resource off: no
 * DOCTYPE at all (VirtualBox never writes one; it is how entity expansion and external entities get in), no external
 * DTDs or schemas, no XInclude, secure processing limits on.
 */
final class MediaRegistry {

    /** One registered hard disk. */
    record HardDisk(String uuid, String location, String format) {
    }

    private MediaRegistry() {
    }

    /** The hard disks of the XML in {@code bytes}; a {@link SAXException} when it is not well-formed or unsafe. */
    static List<HardDisk> parse(byte[] bytes) throws IOException, SAXException {
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException e) {
            throw new IOException("no secure XML parser available: " + e.getMessage(), e);
        }
        List<HardDisk> disks = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("HardDisk");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            disks.add(new HardDisk(e.getAttribute("uuid"), e.getAttribute("location"), e.getAttribute("format")));
        }
        return disks;
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        DocumentBuilder b = f.newDocumentBuilder();
        // no resolver may fetch anything, and parse errors must not go to stderr
        b.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
        });
        b.setErrorHandler(new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(org.xml.sax.SAXParseException e) {
                // warnings do not stop VirtualBox either
            }

            @Override
            public void error(org.xml.sax.SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return b;
    }

    /** The UUID without braces, lowercase: VirtualBox writes {@code {…}} in .vbox files. */
    static String bare(String uuid) {
        String u = uuid.trim();
        if (u.startsWith("{") && u.endsWith("}")) u = u.substring(1, u.length() - 1);
        return u.toLowerCase(Locale.ROOT);
    }
}
