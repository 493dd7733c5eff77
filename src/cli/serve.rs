//! `hailong serve`: parses the address and limits, starts [`crate::web`], says where it listens.

use super::{emit, fail};
use crate::i18n::{CliText as C, Lang};
use std::net::SocketAddr;
use std::path::Path;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Địa chỉ nghe (mặc định chỉ máy này) / listen address.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Mở trình duyệt / open the page in a browser.
    #[arg(long)]
    pub open: bool,
    /// Mã truy cập, bắt buộc khi nghe ngoài máy này / access token.
    #[arg(long, env = "HAILONG_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Dung lượng tối đa một lần tải lên, MB.
    #[arg(long, default_value_t = 200)]
    pub max_upload_mb: u64,
    /// Dung lượng tối đa một tệp tải lên, MB.
    #[arg(long, default_value_t = 100)]
    pub max_file_mb: u64,
    /// Cookie đăng nhập chỉ gửi qua https / mark sign-in cookies Secure (served over https).
    #[arg(long)]
    pub secure_cookies: bool,
    /// Chạy sau proxy ngược: tin X-Forwarded-Proto và X-Forwarded-For / behind a reverse proxy.
    #[arg(long)]
    pub behind_proxy: bool,
}

/// Runs `serve` until the process is stopped.
pub fn run(a: Args, data: &Path, lang: Lang) -> anyhow::Result<u8> {
    let running = crate::web::start(crate::web::Config {
        listen: a.listen,
        data: data.to_path_buf(),
        token: a.token.clone().filter(|t| !t.is_empty()),
        max_request_bytes: a.max_upload_mb << 20,
        max_file_bytes: a.max_file_mb << 20,
        auth: crate::web::auth::Settings {
            secure_cookies: a.secure_cookies,
            behind_proxy: a.behind_proxy,
        },
    })
    .map_err(|e| fail(e, lang))?;
    let mut url = format!("http://{}/", running.addr);
    if let Some(t) = &a.token {
        url.push_str(&format!("?token={t}"));
    }
    emit(&format!(
        "{}\n",
        C::Serving.say(lang, &[("dir", &data.display()), ("url", &url)])
    ))?;
    if a.open {
        open_browser(&url);
    }
    running.wait();
    Ok(0)
}

/// Best effort: the page is printed above for when no browser can be started.
fn open_browser(url: &str) {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "windows") {
        &[("cmd", &["/C", "start", ""])]
    } else if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else {
        &[("xdg-open", &[])]
    };
    for (cmd, args) in candidates {
        if std::process::Command::new(cmd)
            .args(*args)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
}
