//! What the wine tests share: running `dingbind.exe` through `scripts/wine.sh`, Windows paths for
//! this machine's files, one simulator per scenario and a stand-in https platform on loopback.

use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};

/// Every variable the CLI reads secrets, passphrases, the data folder, the keychain switch, the CA
/// file or DingTalk's addresses from: none leaks in from the developer's shell.
const DINGBIND_ENV: [&str; 11] = [
    "DINGBIND_CLIENT_SECRET",
    "DINGBIND_SSO_SECRET",
    "DINGBIND_EVENT_TOKEN",
    "DINGBIND_AES_KEY",
    "DINGBIND_PASSPHRASE",
    "DINGBIND_DATA_DIR",
    "DINGBIND_KEYCHAIN",
    "DINGBIND_CA_FILE",
    "DINGBIND_OAPI_URL",
    "DINGBIND_API_URL",
    "DINGBIND_LOGIN_URL",
];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The exe under test, from `DINGBIND_WINDOWS_EXE` (set by `make test-windows`).
fn exe() -> PathBuf {
    let exe = std::env::var_os("DINGBIND_WINDOWS_EXE")
        .map(PathBuf::from)
        .expect(
        "DINGBIND_WINDOWS_EXE is not set: run `make test-windows`, which cross-builds dingbind.exe",
    );
    assert!(exe.is_file(), "{} does not exist", exe.display());
    exe
}

/// This machine's path as the Windows program sees it: wine maps `/` to drive `Z:`.
pub fn win(path: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap().join(path)
    };
    format!("Z:{}", abs.display()).replace('/', "\\")
}

/// The wine prefix `scripts/wine.sh` uses.
fn prefix() -> PathBuf {
    if let Some(p) = std::env::var_os("WINEPREFIX") {
        return p.into();
    }
    let dir = std::env::var_os("DINGBIND_WINE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/wine"));
    dir.join("prefix")
}

/// A Windows path (`C:\…` in the prefix, or `Z:\…`) as a path on this machine.
pub fn unix_path(windows: &str) -> PathBuf {
    let (drive, rest) = windows.split_at(2);
    let rest = rest.replace('\\', "/");
    match drive.to_ascii_uppercase().as_str() {
        "Z:" => PathBuf::from(rest),
        "C:" => prefix().join("drive_c").join(rest.trim_start_matches('/')),
        other => panic!("no drive {other} in the prefix"),
    }
}

/// `%APPDATA%` of the prefix's user: `C:\users\<user>\AppData\Roaming`, the folder Windows names
/// FOLDERID_RoamingAppData (wine names the user after the Unix account).
pub fn appdata() -> String {
    let users = prefix().join("drive_c/users");
    let user = std::fs::read_dir(&users)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n != "Public" && users.join(n).join("AppData/Roaming").is_dir())
        .expect("the prefix has a user folder");
    format!(r"C:\users\{user}\AppData\Roaming")
}

pub enum Stdin {
    None,
    Bytes(Vec<u8>),
}

/// What a run of `dingbind.exe` gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout as JSON (`null` when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or(Value::Null)
    }
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Like [`wine`], but with the keychain on: Credential Manager inside the test prefix.
    pub fn keychain(args: &[&str], env: &[(&str, String)]) -> Run {
        run(args, env, Stdin::None, true)
    }
}

/// Runs `dingbind.exe args` under wine with only `env` of Dingbind's variables set and the keychain
/// off (`DINGBIND_KEYCHAIN=off`).
pub fn wine(args: &[&str], env: &[(&str, String)], stdin: Stdin) -> Run {
    run(args, env, stdin, false)
}

fn run(args: &[&str], env: &[(&str, String)], stdin: Stdin, keychain: bool) -> Run {
    let mut cmd = Command::new(repo().join("scripts/wine.sh"));
    for name in DINGBIND_ENV {
        cmd.env_remove(name);
    }
    if !keychain {
        cmd.env("DINGBIND_KEYCHAIN", "off");
    }
    cmd.envs(env.iter().map(|(k, v)| (k, v)))
        .arg(exe())
        .args(args)
        .stdin(match stdin {
            Stdin::None => Stdio::null(),
            Stdin::Bytes(_) => Stdio::piped(),
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("scripts/wine.sh runs");
    if let Stdin::Bytes(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(&bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A runtime for the servers, alive as long as the test process.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Runtime::new().unwrap())
}

/// A simulator's addresses, as the variables that point the CLI at it.
#[derive(Clone)]
pub struct SimUrls {
    oapi: String,
    api: String,
    login: String,
}

impl SimUrls {
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DINGBIND_OAPI_URL", self.oapi.clone()),
            ("DINGBIND_API_URL", self.api.clone()),
            ("DINGBIND_LOGIN_URL", self.login.clone()),
        ]
    }
}

/// The simulator for `scenario` on 127.0.0.1, started once per test process and shared.
pub fn sim(scenario: &str) -> SimUrls {
    static SIMS: OnceLock<Mutex<HashMap<String, SimUrls>>> = OnceLock::new();
    let mut sims = SIMS.get_or_init(Default::default).lock().unwrap();
    sims.entry(scenario.to_string())
        .or_insert_with(|| {
            let scenario = dingtalk_sim::scenarios::resolve(scenario).unwrap();
            let handle = runtime()
                .block_on(dingtalk_sim::Sim::start(scenario, 0))
                .unwrap();
            let urls = SimUrls {
                oapi: handle.oapi_url(),
                api: handle.api_url(),
                login: handle.login_url(),
            };
            // Serving until the process ends.
            std::mem::forget(handle);
            urls
        })
        .clone()
}

/// The admin's platform stand-in: https on loopback with a certificate for `localhost` from a root
/// CA that no system store holds (`ca_der`).
pub struct Platform {
    /// `localhost:PORT`, the value of the `domain` field.
    pub domain: String,
    pub ca_der: Vec<u8>,
}

pub fn platform() -> &'static Platform {
    static PLATFORM: OnceLock<Platform> = OnceLock::new();
    PLATFORM.get_or_init(|| {
        let ca_key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "示例科技 Security Gateway Root CA");
        p.distinguished_name = dn;
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = p.self_signed(&ca_key).unwrap();

        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "platform stand-in");
        dn.push(DnType::OrganizationName, "示例科技");
        p.distinguished_name = dn;
        let cert = p.signed_by(&key, &ca, &ca_key).unwrap();

        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone(), ca.der().clone()], key)
        .unwrap();
        let config = Arc::new(config);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let config = config.clone();
                std::thread::spawn(move || serve(config, stream));
            }
        });
        Platform {
            domain: format!("localhost:{port}"),
            ca_der: ca.der().to_vec(),
        }
    })
}

/// A root certificate in the prefix's machine-wide Trusted Root store
/// (`HKLM\Software\Microsoft\SystemCertificates\Root`, where a GPO or certlm.msc puts one), for
/// as long as the value lives. The key is the certificate's SHA-1 and its `Blob` the serialized
/// store element: property CERT_CERT_PROP_ID (32), encoding 1, length, the DER.
pub struct TrustedRoot {
    key: String,
}

impl TrustedRoot {
    pub fn install(der: &[u8]) -> TrustedRoot {
        use sha1::Digest;
        // The prefix exists once wine.sh has run a program.
        assert_eq!(wine(&["--version"], &[], Stdin::None).code, 0);
        let sha1: String = sha1::Sha1::digest(der)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        let mut blob = Vec::new();
        for n in [32u32, 1, der.len() as u32] {
            blob.extend_from_slice(&n.to_le_bytes());
        }
        blob.extend_from_slice(der);
        let hex: String = blob.iter().map(|b| format!("{b:02x}")).collect();
        let key = format!(r"HKLM\Software\Microsoft\SystemCertificates\Root\Certificates\{sha1}");
        reg(&[
            "add",
            &key,
            "/v",
            "Blob",
            "/t",
            "REG_BINARY",
            "/d",
            &hex,
            "/f",
        ]);
        TrustedRoot { key }
    }
}

impl Drop for TrustedRoot {
    fn drop(&mut self) {
        reg(&["delete", &self.key, "/f"]);
    }
}

/// wine's `reg.exe` in the test prefix.
fn reg(args: &[&str]) {
    let status = Command::new("/usr/lib/wine/wine64")
        .arg("reg")
        .args(args)
        .env("WINEPREFIX", prefix())
        .env("WINEDEBUG", "-all")
        .stdout(Stdio::null())
        .status()
        .expect("wine reg runs");
    assert!(status.success(), "wine reg {args:?}: {status}");
}

/// One request: any path answers 200 with a small page, as a platform's login page would.
fn serve(config: Arc<rustls::ServerConfig>, stream: std::net::TcpStream) {
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(conn, stream);
    let mut buf = [0u8; 8192];
    // A client that refuses the certificate ends the handshake here.
    if tls.read(&mut buf).is_err() {
        return;
    }
    let body = "<!doctype html><title>平台</title>ok";
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = tls.write_all(format!("{head}{body}").as_bytes());
    tls.conn.send_close_notify();
    let _ = tls.flush();
}
