//! From a file's bytes to grey page images: JPEG, PNG, TIFF (every page) and a scanner's PDF.
//!
//! JPEG is decoded straight to grey (the reader needs no colour; this is a third of the decode
//! time of a 12 MP photo) and turned upright by its EXIF orientation, as the phone's gallery
//! shows it. A PDF is read as a scanner writes it: one full-page JPEG image per page, taken out
//! without a PDF library; anything else in a PDF goes through `pdftoppm` when it is installed.
//! Pages are decoded one at a time on demand, so memory holds one page per thread. Nothing here
//! panics on hostile bytes: every failure is a [`PageFailure`].

use super::PageFailure;
use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, ImageDecoder};
use std::io::Cursor;
use std::path::PathBuf;

/// Largest page accepted, in pixels (a 12 MP photo is 12 million; 600 dpi A4 is 35 million).
const MAX_PIXELS: u64 = 60_000_000;
/// Largest side accepted, in pixels.
const MAX_SIDE: usize = 20_000;
/// An image in a PDF smaller than this on its short side is a logo, not a scanned page.
const MIN_PAGE_SIDE: usize = 500;

/// The pages of one file, not yet decoded.
pub enum Pages<'a> {
    /// One JPEG.
    Jpeg(&'a [u8]),
    /// One PNG.
    Png(&'a [u8]),
    /// A TIFF with this many pages.
    Tiff(&'a [u8], usize),
    /// JPEG streams embedded in a PDF, one per page, in file order.
    PdfJpegs(Vec<&'a [u8]>),
    /// Pages a rasteriser wrote (kept in a temporary folder until dropped).
    Rasterised(tempfile::TempDir, Vec<PathBuf>),
}

impl Pages<'_> {
    /// How many pages.
    pub fn count(&self) -> usize {
        match self {
            Pages::Jpeg(_) | Pages::Png(_) => 1,
            Pages::Tiff(_, n) => *n,
            Pages::PdfJpegs(v) => v.len(),
            Pages::Rasterised(_, v) => v.len(),
        }
    }

    /// Decodes page `i` (0-based) to grey, upright as its EXIF orientation says.
    pub fn decode(&self, i: usize) -> Result<GrayImage, PageFailure> {
        match self {
            Pages::Jpeg(b) => jpeg(b),
            Pages::Png(b) => via_image(b, image::ImageFormat::Png),
            Pages::Tiff(b, _) => tiff_page(b, i),
            Pages::PdfJpegs(v) => v.get(i).map_or(Err(PageFailure::NotAnImage), |b| jpeg(b)),
            Pages::Rasterised(_, v) => {
                let bytes = v
                    .get(i)
                    .and_then(|p| std::fs::read(p).ok())
                    .ok_or(PageFailure::NotAnImage)?;
                via_image(&bytes, image::ImageFormat::Png)
            }
        }
    }
}

/// What kind of file this is, and its pages.
pub fn open(bytes: &[u8]) -> Result<Pages<'_>, PageFailure> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(Pages::Jpeg(bytes))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(Pages::Png(bytes))
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        let n = tiff_count(bytes)?;
        Ok(Pages::Tiff(bytes, n))
    } else if bytes.starts_with(b"%PDF") {
        pdf(bytes)
    } else {
        Err(PageFailure::NotAnImage)
    }
}

fn too_big(w: usize, h: usize) -> bool {
    w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || (w as u64) * (h as u64) > MAX_PIXELS
}

fn jpeg(bytes: &[u8]) -> Result<GrayImage, PageFailure> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(MAX_SIDE)
        .set_max_height(MAX_SIDE)
        .jpeg_set_out_colorspace(ColorSpace::Luma);
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    dec.decode_headers().map_err(|_| PageFailure::NotAnImage)?;
    let (w, h) = dec.dimensions().ok_or(PageFailure::NotAnImage)?;
    if too_big(w, h) {
        return Err(PageFailure::TooLarge);
    }
    let orientation = dec.exif().and_then(|e| Orientation::from_exif_chunk(e));
    let px = dec.decode().map_err(|_| PageFailure::NotAnImage)?;
    // CMYK or other oddities may still come out with more than one channel: keep the first.
    let channels = px.len() / (w * h).max(1);
    let grey: Vec<u8> = if channels <= 1 {
        px
    } else {
        px.chunks_exact(channels).map(|c| c[0]).collect()
    };
    let img = GrayImage::from_raw(w as u32, h as u32, grey).ok_or(PageFailure::NotAnImage)?;
    Ok(upright(img, orientation))
}

fn via_image(bytes: &[u8], format: image::ImageFormat) -> Result<GrayImage, PageFailure> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE as u32);
    limits.max_image_height = Some(MAX_SIDE as u32);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let mut dec = reader.into_decoder().map_err(|_| PageFailure::NotAnImage)?;
    let (w, h) = dec.dimensions();
    if too_big(w as usize, h as usize) {
        return Err(PageFailure::TooLarge);
    }
    let orientation = dec.orientation().ok();
    let img = DynamicImage::from_decoder(dec).map_err(|_| PageFailure::NotAnImage)?;
    Ok(upright(img.into_luma8(), orientation))
}

fn upright(img: GrayImage, orientation: Option<Orientation>) -> GrayImage {
    match orientation {
        None | Some(Orientation::NoTransforms) => img,
        Some(o) => {
            let mut d = DynamicImage::ImageLuma8(img);
            d.apply_orientation(o);
            d.into_luma8()
        }
    }
}

fn tiff_decoder(bytes: &[u8]) -> Result<tiff::decoder::Decoder<Cursor<&[u8]>>, PageFailure> {
    let mut limits = tiff::decoder::Limits::default();
    limits.decoding_buffer_size = (MAX_PIXELS * 4) as usize;
    limits.intermediate_buffer_size = (MAX_PIXELS * 4) as usize;
    tiff::decoder::Decoder::new(Cursor::new(bytes))
        .map(|d| d.with_limits(limits))
        .map_err(|_| PageFailure::NotAnImage)
}

fn tiff_count(bytes: &[u8]) -> Result<usize, PageFailure> {
    let mut dec = tiff_decoder(bytes)?;
    let mut n = 1;
    // A cycle of page links would loop forever: cap at a thick scanner batch.
    while dec.more_images() && n < 2000 {
        if dec.next_image().is_err() {
            break;
        }
        n += 1;
    }
    Ok(n)
}

fn tiff_page(bytes: &[u8], i: usize) -> Result<GrayImage, PageFailure> {
    use tiff::ColorType;
    use tiff::decoder::DecodingResult;
    let mut dec = tiff_decoder(bytes)?;
    dec.seek_to_image(i).map_err(|_| PageFailure::NotAnImage)?;
    let (w, h) = dec.dimensions().map_err(|_| PageFailure::NotAnImage)?;
    let (w, h) = (w as usize, h as usize);
    if too_big(w, h) {
        return Err(PageFailure::TooLarge);
    }
    let colour = dec.colortype().map_err(|_| PageFailure::NotAnImage)?;
    let white_is_zero = matches!(
        dec.get_tag_u32(tiff::tags::Tag::PhotometricInterpretation),
        Ok(0)
    );
    let data = dec.read_image().map_err(|_| PageFailure::NotAnImage)?;
    let grey: Vec<u8> = match (colour, data) {
        (ColorType::Gray(8), DecodingResult::U8(v)) => v,
        (ColorType::Gray(16), DecodingResult::U16(v)) => v.iter().map(|x| (x >> 8) as u8).collect(),
        (ColorType::RGB(8), DecodingResult::U8(v)) => v.chunks_exact(3).map(luma).collect(),
        (ColorType::RGBA(8), DecodingResult::U8(v)) => v.chunks_exact(4).map(luma).collect(),
        (ColorType::Gray(1), DecodingResult::U8(v)) => {
            // Bilevel fax-style scans: one bit a pixel, rows padded to whole bytes.
            let stride = w.div_ceil(8);
            let mut out = Vec::with_capacity(w * h);
            for y in 0..h {
                for x in 0..w {
                    let byte = v.get(y * stride + x / 8).copied().unwrap_or(0);
                    let bit = (byte >> (7 - (x % 8))) & 1 == 1;
                    out.push(if bit { 255 } else { 0 });
                }
            }
            out
        }
        _ => return Err(PageFailure::NotAnImage),
    };
    let mut grey = grey;
    if white_is_zero {
        grey.iter_mut().for_each(|v| *v = 255 - *v);
    }
    if grey.len() < w * h {
        return Err(PageFailure::NotAnImage);
    }
    grey.truncate(w * h);
    GrayImage::from_raw(w as u32, h as u32, grey).ok_or(PageFailure::NotAnImage)
}

fn luma(c: &[u8]) -> u8 {
    ((u32::from(c[0]) * 299 + u32::from(c[1]) * 587 + u32::from(c[2]) * 114) / 1000) as u8
}

/// A scanner's PDF: the page-sized JPEG images it embeds (`/DCTDecode` streams), else a
/// rasteriser if one is installed.
fn pdf(bytes: &[u8]) -> Result<Pages<'_>, PageFailure> {
    let jpegs = pdf_jpegs(bytes);
    if !jpegs.is_empty() {
        return Ok(Pages::PdfJpegs(jpegs));
    }
    rasterise(bytes)
}

/// The `/DCTDecode` image streams of a PDF whose picture is page-sized, in file order.
pub fn pdf_jpegs(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = find(&bytes[from..], b"/DCTDecode") {
        let at = from + k;
        from = at + 10;
        // The stream of this dictionary starts at the next `stream` keyword.
        let Some(s) = find(&bytes[at..], b"stream") else {
            break;
        };
        let mut start = at + s + 6;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let data = &bytes[start..];
        if !data.starts_with(&[0xFF, 0xD8]) {
            continue;
        }
        // JPEG ends at its EOI marker; a stream may hold trailing bytes, which the decoder skips.
        let end = find(&data[2..], b"endstream").map_or(data.len(), |e| e + 2);
        let data = &data[..end];
        if jpeg_size(data).is_some_and(|(w, h)| w.min(h) >= MIN_PAGE_SIDE) {
            out.push(data);
        }
        from = start + end;
    }
    out
}

fn jpeg_size(data: &[u8]) -> Option<(usize, usize)> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    let mut dec = zune_jpeg::JpegDecoder::new(ZCursor::new(data));
    dec.decode_headers().ok()?;
    dec.dimensions()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Every page of a PDF through `pdftoppm` (poppler), in grey at 200 dpi, when it is on PATH.
fn rasterise(bytes: &[u8]) -> Result<Pages<'_>, PageFailure> {
    let dir = tempfile::tempdir().map_err(|_| PageFailure::PdfWithoutImage)?;
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, bytes).map_err(|_| PageFailure::PdfWithoutImage)?;
    let status = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", "200", "-png"])
        .arg(&input)
        .arg(dir.path().join("page"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return Err(PageFailure::PdfWithoutImage);
    }
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .map_err(|_| PageFailure::PdfWithoutImage)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    // pdftoppm numbers pages with zero padding to a common width: name order is page order.
    pages.sort();
    if pages.is_empty() {
        return Err(PageFailure::PdfWithoutImage);
    }
    Ok(Pages::Rasterised(dir, pages))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_bytes(img: &GrayImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(img)
            .unwrap();
        out
    }

    #[test]
    fn a_grey_jpeg_decodes_to_its_size() {
        let img = GrayImage::from_fn(640, 480, |x, _| image::Luma([(x % 256) as u8]));
        let bytes = jpeg_bytes(&img);
        let pages = open(&bytes).unwrap();
        assert_eq!(pages.count(), 1);
        let got = pages.decode(0).unwrap();
        assert_eq!(got.dimensions(), (640, 480));
    }

    #[test]
    fn exif_orientation_turns_the_photo_upright() {
        // A phone holding the sensor sideways writes a landscape JPEG tagged "rotate 90°".
        let img = GrayImage::from_pixel(40, 20, image::Luma([128]));
        let jpg = jpeg_bytes(&img);
        let mut tiff = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0".to_vec();
        let mut app1 = b"\xFF\xE1".to_vec();
        let len = (2 + 6 + tiff.len()) as u16;
        app1.extend_from_slice(&len.to_be_bytes());
        app1.extend_from_slice(b"Exif\0\0");
        app1.append(&mut tiff);
        let mut tagged = jpg[..2].to_vec();
        tagged.extend_from_slice(&app1);
        tagged.extend_from_slice(&jpg[2..]);
        let got = open(&tagged).unwrap().decode(0).unwrap();
        assert_eq!(got.dimensions(), (20, 40));
    }

    #[test]
    fn a_pdf_yields_its_embedded_page_jpeg() {
        let img = GrayImage::from_pixel(600, 800, image::Luma([200]));
        let jpg = jpeg_bytes(&img);
        let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /XObject /Subtype /Image /Width 600 /Height 800 /Filter /DCTDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&jpg);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        let pages = open(&pdf).unwrap();
        assert_eq!(pages.count(), 1);
        assert_eq!(pages.decode(0).unwrap().dimensions(), (600, 800));
    }

    #[test]
    fn text_is_not_an_image() {
        assert!(matches!(open(b"hello"), Err(PageFailure::NotAnImage)));
    }
}
