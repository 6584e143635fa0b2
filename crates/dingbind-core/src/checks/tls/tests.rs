//! The certificate check against a local HTTPS server with certificates made here: self-signed,
//! from a private CA, expired, not yet valid, for another name, expiring soon. This machine's
//! system store trusts none of them, so only the extra CA file can make them trusted.
use super::*;
use crate::ca::test_certs::{ca, ca_file, make, self_signed, serve, Cert};

fn original(o: &Outcome) -> &str {
    o.original.as_deref().unwrap_or_default()
}

fn failed(o: &Outcome) -> bool {
    (o.status, o.code) == (CheckStatus::Fail, Some(DiagnosisCode::TlsFailure))
}

#[tokio::test]
async fn an_untrusted_certificate_fails_a_trusted_one_passes_an_expiring_one_warns() {
    let c = self_signed("localhost", 90);
    let domain = serve(&c);
    let untrusted = check(&domain, None).await;
    assert!(failed(&untrusted), "{untrusted:?}");
    assert!(
        original(&untrusted).ends_with("(self-signed certificate)"),
        "the verify error is kept: {}",
        original(&untrusted)
    );
    assert!(untrusted.message.en.contains("localhost"), "names the host");

    let file = ca_file(&[&c]);
    let trusted = check(&domain, Some(file.path().to_path_buf())).await;
    assert_eq!(trusted.status, CheckStatus::Ok, "{:?}", trusted.message);
    assert!((88..=90).contains(&trusted.data["days_left"].as_i64().unwrap()));

    let c = self_signed("localhost", 5);
    let domain = serve(&c);
    let file = ca_file(&[&c]);
    let soon = check(&domain, Some(file.path().to_path_buf())).await;
    assert_eq!(soon.status, CheckStatus::Warn);
    assert_eq!(soon.data["expiring_soon"], true);
}

/// The gateway case: a certificate from a CA the system does not know is trusted once, and only
/// once, the admin adds that CA's file; another CA's file does not help.
#[tokio::test]
async fn a_private_ca_is_trusted_only_through_its_file() {
    let gateway = ca("示例科技 Security Gateway Root CA");
    let other = ca("Another Root");
    let leaf = make(&["localhost"], 0, 200, false, Some(&gateway));
    let domain = serve(&leaf);

    let alone = check(&domain, None).await;
    assert!(failed(&alone), "{alone:?}");
    assert!(
        original(&alone).contains(
            "unable to get local issuer certificate: issued by 示例科技 Security Gateway Root CA"
        ),
        "{}",
        original(&alone)
    );
    let wrong_file = ca_file(&[&other]);
    let wrong = check(&domain, Some(wrong_file.path().to_path_buf())).await;
    assert!(failed(&wrong), "{wrong:?}");
    assert!(original(&wrong).contains("issued by 示例科技"));

    // A bundle: the gateway's root after another one still counts.
    let file = ca_file(&[&other, &gateway]);
    let trusted = check(&domain, Some(file.path().to_path_buf())).await;
    assert_eq!(trusted.status, CheckStatus::Ok, "{:?}", trusted.message);
    assert!((198..=200).contains(&trusted.data["days_left"].as_i64().unwrap()));
}

/// Expired, not yet valid and for another name are each reported as such, even from a trusted CA.
#[tokio::test]
async fn an_expired_early_or_misnamed_certificate_says_so() {
    let root = ca("Test Root");
    let file = ca_file(&[&root]);
    let probe = |leaf: Cert| {
        let path = file.path().to_path_buf();
        async move { check(&serve(&leaf), Some(path)).await }
    };

    let expired = probe(make(&["localhost"], -90, -3, false, Some(&root))).await;
    assert!(failed(&expired), "{expired:?}");
    assert!(
        original(&expired).contains("(certificate has expired: not after ")
            && original(&expired).ends_with(" GMT)"),
        "{}",
        original(&expired)
    );

    let early = probe(make(&["localhost"], 2, 90, false, Some(&root))).await;
    assert!(failed(&early), "{early:?}");
    assert!(
        original(&early).ends_with("(certificate is not yet valid)"),
        "{}",
        original(&early)
    );

    let misnamed = probe(make(
        &["oa.example.com", "sso.example.com"],
        0,
        90,
        false,
        Some(&root),
    ))
    .await;
    assert!(failed(&misnamed), "{misnamed:?}");
    assert!(
        original(&misnamed).ends_with(
            "(hostname mismatch: the certificate is for oa.example.com, sso.example.com, not localhost)"
        ),
        "{}",
        original(&misnamed)
    );
}

#[tokio::test]
async fn an_unusable_ca_file_is_named_and_nothing_is_trusted_through_it() {
    let c = self_signed("localhost", 90);
    let domain = serve(&c);
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("gateway-notes.txt");
    std::fs::write(&notes, "ask IT for the root").unwrap();
    let o = check(&domain, Some(notes)).await;
    assert!(failed(&o), "{o:?}");
    assert!(
        original(&o).contains("gateway-notes.txt") && original(&o).contains("no PEM certificate"),
        "{}",
        original(&o)
    );
    let gone = check(&domain, Some(dir.path().join("gone.pem"))).await;
    assert!(
        failed(&gone) && original(&gone).contains("gone.pem"),
        "{gone:?}"
    );
}
