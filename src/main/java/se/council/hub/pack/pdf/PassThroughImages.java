package se.council.hub.pack.pdf;

import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.Insets;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ImageObserver;
import java.awt.image.ImageProducer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.poi.sl.draw.BitmapImageRenderer;
import org.apache.poi.sl.draw.ImageRenderer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import de.rototor.pdfbox.graphics2d.IPdfBoxGraphics2DImageEncoder;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DLosslessImageEncoder;

/**
 * Puts a slide's JPEG and PNG pictures into the PDF as the bytes the agency sent instead of decoding
 * them and encoding the pixels again: a 250 KB photo stays 250 KB (PDFBox embeds JPEG as DCT and
 * copies PNG data when it can), and no time is spent on decoding. POI hands its image renderer the
 * picture bytes; this renderer passes them on to the PDF image encoder inside a placeholder image.
 */
final class PassThroughImages {

    private PassThroughImages() {
    }

    /** A stand-in for a picture: its size in pixels and its encoded bytes, no pixels. */
    static final class EncodedImage extends Image {
        final byte[] data;
        private final int width;
        private final int height;

        EncodedImage(byte[] data, int width, int height) {
            this.data = data;
            this.width = width;
            this.height = height;
        }

        @Override
        public int getWidth(ImageObserver observer) {
            return width;
        }

        @Override
        public int getHeight(ImageObserver observer) {
            return height;
        }

        @Override
        public ImageProducer getSource() {
            return decoded().getSource();
        }

        @Override
        public Graphics getGraphics() {
            throw new UnsupportedOperationException("an encoded picture cannot be drawn on");
        }

        @Override
        public Object getProperty(String name, ImageObserver observer) {
            return UndefinedProperty;
        }

        BufferedImage decoded() {
            try {
                return ImageIO.read(new ByteArrayInputStream(data));
            } catch (IOException e) {
                throw new IllegalStateException("picture cannot be decoded", e);
            }
        }
    }

    /**
     * POI's image renderer for JPEG and PNG on a {@code PdfBoxGraphics2D}: reads only the picture's
     * header, and draws the placeholder with the same placement and cropping POI's bitmap renderer uses.
     */
    static final class Renderer implements ImageRenderer {
        private EncodedImage image;

        @Override
        public boolean canRender(String contentType) {
            return "image/jpeg".equalsIgnoreCase(contentType) || "image/png".equalsIgnoreCase(contentType);
        }

        @Override
        public void loadImage(InputStream data, String contentType) throws IOException {
            loadImage(data.readAllBytes(), contentType);
        }

        @Override
        public void loadImage(byte[] data, String contentType) throws IOException {
            image = null;
            if (data == null) {
                return;
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new IOException("no reader for " + contentType);
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    image = new EncodedImage(data, reader.getWidth(0), reader.getHeight(0));
                } finally {
                    reader.dispose();
                }
            }
        }

        @Override
        public Rectangle2D getNativeBounds() {
            return getBounds();
        }

        @Override
        public Rectangle2D getBounds() {
            return image == null ? new Rectangle2D.Double()
                    : new Rectangle2D.Double(0, 0, image.getWidth(null), image.getHeight(null));
        }

        @Override
        public void setAlpha(double alpha) {
            // POI does not ask for transparency on this path; pictures are drawn opaque as sent
        }

        @Override
        public BufferedImage getImage() {
            return image == null ? null : image.decoded();
        }

        @Override
        public BufferedImage getImage(java.awt.geom.Dimension2D dim) {
            BitmapImageRenderer bitmap = new BitmapImageRenderer();
            try {
                bitmap.loadImage(image.data, "image/png");
            } catch (IOException e) {
                return null;
            }
            return bitmap.getImage(dim);
        }

        @Override
        public boolean drawImage(Graphics2D graphics, Rectangle2D anchor) {
            return drawImage(graphics, anchor, null);
        }

        @Override
        public boolean drawImage(Graphics2D graphics, Rectangle2D anchor, Insets clip) {
            if (image == null) {
                return false;
            }
            boolean clipped = clip != null;
            Insets c = clipped ? clip : new Insets(0, 0, 0, 0);
            int iw = image.getWidth(null);
            int ih = image.getHeight(null);
            double cw = (100000 - c.left - c.right) / 100000.0;
            double ch = (100000 - c.top - c.bottom) / 100000.0;
            if (anchor.getWidth() == 0 || anchor.getHeight() == 0 || iw == 0 || ih == 0 || cw == 0 || ch == 0) {
                return true;
            }
            // the same placement as POI's BitmapImageRenderer, so pictures sit where PowerPoint puts them
            double sx = anchor.getWidth() / (iw * cw);
            double sy = anchor.getHeight() / (ih * ch);
            double tx = anchor.getX() - (iw * sx * c.left / 100000.0);
            double ty = anchor.getY() - (ih * sy * c.top / 100000.0);
            Shape oldClip = graphics.getClip();
            if (clipped) {
                graphics.clip(anchor.getBounds2D());
            }
            graphics.drawImage(image, new AffineTransform(sx, 0, 0, sy, tx, ty), null);
            graphics.setClip(oldClip);
            return true;
        }
    }

    /**
     * The bridge's image encoder: sent bytes go in as they are (once per document, however many
     * slides show them); any other image is encoded losslessly as the bridge would.
     */
    static final class Encoder implements IPdfBoxGraphics2DImageEncoder {
        private final IPdfBoxGraphics2DImageEncoder lossless = new PdfBoxGraphics2DLosslessImageEncoder();
        private final Map<Bytes, PDImageXObject> embedded = new HashMap<>();

        @Override
        public PDImageXObject encodeImage(PDDocument document, PDPageContentStream contentStream, Image image,
                                          IPdfBoxGraphics2DImageEncoderEnv env) {
            if (image instanceof EncodedImage encoded) {
                // POI hands out a fresh copy of a picture's bytes per slide: key on the content
                Bytes key = new Bytes(encoded.data);
                PDImageXObject known = embedded.get(key);
                if (known != null) {
                    return known;
                }
                try {
                    PDImageXObject x = PDImageXObject.createFromByteArray(document, encoded.data, "picture");
                    embedded.put(key, x);
                    return x;
                } catch (IOException | RuntimeException e) {
                    // bytes PDFBox will not take as they are: fall back to the decoded pixels
                    return lossless.encodeImage(document, contentStream, encoded.decoded(), env);
                }
            }
            return lossless.encodeImage(document, contentStream, image, env);
        }
    }

    /**
     * Picture bytes compared by content. The hash samples about 4,000 bytes rather than all of them:
     * hashing every byte of every picture showed up in profiles, equality still compares all bytes.
     */
    private record Bytes(byte[] data) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            int step = Math.max(1, data.length / 4096);
            int h = data.length;
            for (int i = 0; i < data.length; i += step) {
                h = 31 * h + data[i];
            }
            return h;
        }
    }
}
