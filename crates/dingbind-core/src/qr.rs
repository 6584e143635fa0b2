//! QR codes for the scan steps and the report: one encoder, three outputs — a PNG (save, copy as
//! image, `data:` URL for the UI), raw RGBA (the OS clipboard) and an SVG (inline in the HTML report,
//! sharp when printed). Error correction M: the codes are shown on screens and paper, and a DingTalk
//! login URL at level M stays small enough (version ≤ 13) for a phone held at arm's length.

use base64::Engine;
use image::{ImageEncoder, Luma};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Pixels per module in PNG output: 8 px makes a login URL about 600 px wide, crisp on HiDPI.
const MODULE_PX: u32 = 8;

#[derive(Debug, thiserror::Error)]
pub enum QrError {
    /// Longer than a QR code can hold (about 2300 bytes at level M).
    #[error("too long for a QR code ({0} bytes)")]
    TooLong(usize),
    #[error("could not encode the PNG: {0}")]
    Png(String),
}

impl QrError {
    /// A stable code (see [`crate::error`]).
    pub fn code(&self) -> &'static str {
        match self {
            QrError::TooLong(_) => "qr_too_long",
            QrError::Png(_) => "qr_encode_failed",
        }
    }

    /// What happened, in both languages.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            QrError::TooLong(n) => Text::new(
                format!("内容太长（{n} 字节），放不进一个二维码。请检查填写的网址是否过长。"),
                format!("The content is too long ({n} bytes) for a QR code. Check that the URLs entered are not overly long."),
            ),
            QrError::Png(e) => Text::new(
                format!("无法生成二维码图片：{e}"),
                format!("Could not make the QR code image: {e}"),
            ),
        }
    }
}

fn code(text: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| QrError::TooLong(text.len()))
}

fn gray(text: &str) -> Result<image::GrayImage, QrError> {
    Ok(code(text)?
        .render::<Luma<u8>>()
        .module_dimensions(MODULE_PX, MODULE_PX)
        .quiet_zone(true)
        .build())
}

/// An RGBA image: `(width, height, pixels)`, for the OS clipboard.
pub fn rgba(text: &str) -> Result<(u32, u32, Vec<u8>), QrError> {
    let img = image::DynamicImage::ImageLuma8(gray(text)?).to_rgba8();
    Ok((img.width(), img.height(), img.into_raw()))
}

/// A PNG file's bytes.
pub fn png(text: &str) -> Result<Vec<u8>, QrError> {
    let img = gray(text)?;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::L8,
        )
        .map_err(|e| QrError::Png(e.to_string()))?;
    Ok(out)
}

/// The PNG as a `data:image/png;base64,…` URL (the webview's CSP allows `img-src data:`).
pub fn png_data_url(text: &str) -> Result<String, QrError> {
    Ok(format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png(text)?)
    ))
}

/// A standalone `<svg>` element sized in CSS pixels, for inlining in HTML.
pub fn svg(text: &str, size_px: u32) -> Result<String, QrError> {
    let xml = code(text)?
        .render::<svg::Color>()
        .min_dimensions(size_px, size_px)
        .quiet_zone(true)
        .build();
    // Drop the XML declaration: the element goes inside an HTML document.
    Ok(match xml.find("<svg") {
        Some(at) => xml[at..].to_owned(),
        None => xml,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png_bytes: &[u8]) -> String {
        let img = image::load_from_memory(png_bytes).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    #[test]
    fn png_decodes_back_to_the_text() {
        let text =
            "https://login.dingtalk.com/oauth2/auth?client_id=dingq7x2k9m4v8n3p5r1&state=中文";
        assert_eq!(decode(&png(text).unwrap()), text);
    }

    #[test]
    fn rgba_has_four_bytes_per_pixel() {
        let (w, h, px) = rgba("hello").unwrap();
        assert_eq!(px.len() as u32, w * h * 4);
        assert_eq!(w % MODULE_PX, 0);
    }

    #[test]
    fn svg_is_an_element_without_the_xml_declaration() {
        let s = svg("hello", 200).unwrap();
        assert!(s.starts_with("<svg"), "{s}");
        assert!(s.contains("width=\""));
    }

    #[test]
    fn too_long_is_an_error_not_a_panic() {
        let text = "x".repeat(5000);
        assert!(matches!(png(&text), Err(QrError::TooLong(5000))));
    }

    #[test]
    fn data_url_is_a_png() {
        let d = png_data_url("hello").unwrap();
        let b64 = d.strip_prefix("data:image/png;base64,").unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(decode(&bytes), "hello");
    }
}
