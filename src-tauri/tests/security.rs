//! The desktop shell's security settings, checked against what the app is built with: the
//! access control it enforces (kept as a snapshot, so any widening shows up as a diff in
//! review), the Content-Security-Policy of its pages, IPC refused to pages that are not the
//! app's own (the LAN server's, say), and the participant server's CSP.
//!
//! To accept a changed grant on purpose: `UPDATE_SNAPSHOTS=1 cargo test --test security`,
//! then review and commit `src-tauri/tests/snapshots/capabilities.json`.

mod support;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use fiilis_shell::desktop;
use serde_json::{json, Value};
use tauri::ipc::Origin;
use tauri::test::{mock_builder, MockRuntime};
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::utils::config::{Csp, CspDirectiveSources};

use support::{app, invoke, invoke_from, window, APP_ORIGIN};

const SNAPSHOT: &str = "src-tauri/tests/snapshots/capabilities.json";

/// Addresses a page outside the app could have: the participant server on the LAN and on
/// this computer, `fiilis serve`'s loopback UI, and the internet.
const FOREIGN_PAGES: &[&str] = &[
    "http://192.168.1.20:8790/",
    "http://127.0.0.1:8790/",
    "http://localhost:8790/",
    "http://127.0.0.1:7878/#token=x",
    "http://localhost:7878/",
    "https://example.com/",
    "http://tauri.localhost.example.com/",
];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every command that any permission known to this build (the app's own manifest, Tauri's
/// core plugins, the dialog and opener plugins) could grant, named as a page invokes it.
fn known_commands() -> BTreeSet<String> {
    let path = repository().join("gen/schemas/acl-manifests.json");
    let manifests: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut commands = BTreeSet::new();
    for (key, manifest) in manifests.as_object().unwrap() {
        let permissions = manifest["permissions"].as_object().into_iter().flatten();
        for (_, permission) in permissions {
            let listed = ["allow", "deny"].into_iter().flat_map(|list| {
                permission["commands"][list]
                    .as_array()
                    .into_iter()
                    .flatten()
            });
            for command in listed {
                let command = command.as_str().unwrap();
                commands.insert(match key.as_str() {
                    "__app-acl__" => command.to_owned(),
                    plugin => {
                        let plugin = plugin.strip_prefix("core:").unwrap_or(plugin);
                        format!("plugin:{plugin}|{command}")
                    }
                });
            }
        }
    }
    commands
}

/// What the compiled-in access control lets each kind of window call, from the app's own
/// page and from any other: the table the snapshot keeps.
fn granted() -> Value {
    let mut context = desktop::context::<MockRuntime>();
    // `runtime_authority_mut` is Tauri's own (hidden) handle on the resolved ACL; it is the
    // very table `Webview::on_message` consults, so nothing is re-derived here.
    let authority = context.runtime_authority_mut();
    let commands = known_commands();
    assert!(
        commands.len() > 100,
        "the ACL manifests were read: {commands:?}"
    );
    let foreign: Vec<Origin> = FOREIGN_PAGES
        .iter()
        .map(|url| Origin::Remote {
            url: url.parse().unwrap(),
        })
        .collect();
    let mut table = BTreeMap::new();
    for (name, label) in [
        ("main", desktop::MAIN_WINDOW),
        ("presenter", desktop::PRESENTER_WINDOW),
        ("any other window", "phone"),
    ] {
        let allowed = |origin: &Origin| -> Vec<&str> {
            commands
                .iter()
                .filter(|command| {
                    authority
                        .resolve_access(command, label, label, origin)
                        .is_some()
                })
                .map(String::as_str)
                .collect()
        };
        let from_elsewhere: BTreeSet<&str> = foreign.iter().flat_map(allowed).collect();
        table.insert(
            name,
            json!({
                "from the app's own page": allowed(&Origin::Local),
                "from any other page": from_elsewhere,
            }),
        );
    }
    serde_json::to_value(table).unwrap()
}

#[test]
fn the_granted_commands_match_the_snapshot() {
    let granted = granted();
    let text = serde_json::to_string_pretty(&granted).unwrap() + "\n";
    let path = repository().join(SNAPSHOT);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == text,
        "the app grants something else than {SNAPSHOT} records; review the change, then \
         rerun with UPDATE_SNAPSHOTS=1 to accept it. Granted now:\n{text}"
    );
    // The snapshot itself must say what the design promises, so accepting a widening is not
    // one command away.
    for window in ["main", "presenter", "any other window"] {
        let elsewhere = granted[window]["from any other page"].as_array().unwrap();
        assert!(elsewhere.is_empty(), "{window}: {elsewhere:?}");
    }
    assert!(granted["any other window"]["from the app's own page"]
        .as_array()
        .unwrap()
        .is_empty());
    let main: Vec<&str> = granted["main"]["from the app's own page"]
        .as_array()
        .unwrap()
        .iter()
        .map(|command| command.as_str().unwrap())
        .collect();
    for command in &main {
        let app_command = support::every_operation().contains(command);
        let plugin = ["plugin:event|listen", "plugin:event|unlisten"].contains(command);
        assert!(app_command || plugin, "main may call {command}");
    }
}

/// The app's CSP, directive by directive.
fn directives(csp: &Csp) -> HashMap<String, Vec<String>> {
    HashMap::<String, CspDirectiveSources>::from(csp.clone())
        .into_iter()
        .map(|(name, sources)| (name, sources.into()))
        .collect()
}

/// Parses a `Content-Security-Policy` header value.
fn header_directives(header: &str) -> HashMap<String, Vec<String>> {
    header
        .split(';')
        .filter_map(|directive| {
            let mut words = directive.split_whitespace().map(str::to_owned);
            Some((words.next()?, words.collect()))
        })
        .collect()
}

/// The policy holds only the app's own files and the IPC: no remote origin, no `eval`, no
/// inline scripts, no plugins. `extra_script` says which additions to `script-src` are fine
/// (Tauri adds nonces and hashes for its own scripts when it serves a page).
fn assert_strict(policy: &HashMap<String, Vec<String>>, extra_script: fn(&str) -> bool) {
    let only = |name: &str, allowed: &[&str]| {
        let sources = policy.get(name).unwrap_or_else(|| panic!("no {name}"));
        assert!(!sources.is_empty(), "{name} is empty");
        for source in sources {
            assert!(allowed.contains(&source.as_str()), "{name} allows {source}");
        }
    };
    only("default-src", &["'self'"]);
    only("object-src", &["'none'"]);
    only("base-uri", &["'none'"]);
    only("frame-ancestors", &["'none'"]);
    only("connect-src", &["'self'", "ipc:", "http://ipc.localhost"]);
    let scripts = &policy["script-src"];
    assert!(scripts.contains(&"'self'".to_owned()), "{scripts:?}");
    for source in scripts {
        assert!(
            source == "'self'" || extra_script(source),
            "script-src allows {source}"
        );
    }
    for (name, sources) in policy {
        for source in sources {
            assert!(!source.contains("unsafe-eval"), "{name} allows {source}");
            assert!(
                source != "'unsafe-inline'" || name == "style-src",
                "{name} allows inline code"
            );
            let remote = source.contains('*')
                || ["http:", "https:", "ws:", "wss:"].contains(&source.as_str())
                || (source.contains("://") && source != "http://ipc.localhost");
            assert!(!remote, "{name} allows the remote origin {source}");
        }
    }
}

#[test]
fn the_config_keeps_the_page_to_its_own_files_and_the_ipc() {
    let context = desktop::context::<MockRuntime>();
    let config = context.config();
    assert!(!config.app.with_global_tauri, "window.__TAURI__ stays off");
    let security = &config.app.security;
    assert!(security.freeze_prototype);
    let csp = security.csp.as_ref().expect("a CSP");
    assert_strict(&directives(csp), |_| false);
    // Builds without the custom protocol (these tests, `tauri dev`) use the dev CSP if set.
    if let Some(dev) = &security.dev_csp {
        assert_strict(&directives(dev), |_| false);
    }
    // Tauri must still add its nonces and hashes to script-src: turning that off as well
    // would push towards 'unsafe-inline' for scripts.
    assert!(security
        .dangerous_disable_asset_csp_modification
        .can_modify("script-src"));

    // The participant server's pages keep the same policy, less the IPC.
    let mut desktop = directives(csp);
    let server = header_directives(fiilis_server::CONTENT_SECURITY_POLICY);
    desktop.insert("connect-src".to_owned(), vec!["'self'".to_owned()]);
    assert_eq!(server, desktop);
}

#[test]
fn no_capability_reaches_remote_pages() {
    let folder = repository().join("src-tauri/capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert!(files.len() >= 2, "{files:?}");
    // What the build resolved them to, too: the capabilities Tauri compiled in.
    files.push(repository().join("gen/schemas/capabilities.json"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let parsed: Value = serde_json::from_str(&text).unwrap();
        let capabilities: Vec<&Value> = if parsed.get("identifier").is_some() {
            vec![&parsed]
        } else {
            parsed.as_object().unwrap().values().collect()
        };
        for capability in capabilities {
            assert!(capability.get("remote").is_none(), "{}", file.display());
            assert_ne!(capability.get("local"), Some(&json!(false)));
            let windows = capability["windows"].as_array().unwrap();
            for label in windows {
                let label = label.as_str().unwrap();
                assert!(
                    !label.contains(['*', '?', '[']),
                    "a window pattern: {label}"
                );
            }
            assert!(capability.get("webviews").is_none());
        }
    }
}

/// `ui/dist` as the app's assets, the way a release build embeds them.
struct DistFolder(PathBuf);

impl tauri::Assets<MockRuntime> for DistFolder {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        std::fs::read(self.0.join(key.as_ref().trim_start_matches('/')))
            .ok()
            .map(Cow::Owned)
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        // A release build hashes inline scripts here; the page has none (asserted below).
        Box::new(std::iter::empty())
    }
}

#[test]
fn the_apps_pages_are_served_with_the_csp() {
    let dist = repository().join("ui/dist");
    let mut context = desktop::context::<MockRuntime>();
    // Test builds leave out the custom protocol and would load the Vite dev server; without
    // a dev URL Tauri serves the files itself, through the same code as the tauri:// protocol.
    context.config_mut().build.dev_url = None;
    context.set_assets(Box::new(DistFolder(dist.clone())));
    let app = mock_builder().build(context).unwrap();
    for page in ["index.html", "phone.html"] {
        let html = std::fs::read_to_string(dist.join(page)).unwrap();
        assert_no_inline_script(page, &html);
        let asset = app.asset_resolver().get(page.to_owned()).unwrap();
        let header = asset
            .csp_header
            .unwrap_or_else(|| panic!("{page} has no CSP"));
        assert_strict(&header_directives(&header), |source| {
            source.starts_with("'nonce-") || source.starts_with("'sha256-")
        });
    }
}

/// Inline scripts would be hashed into `script-src` by the build; the policy is meant to
/// allow the app's own script files and nothing else.
fn assert_no_inline_script(page: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split("<script").skip(1) {
        let open = &tag[..tag.find('>').unwrap()];
        assert!(open.contains("src="), "{page} has an inline script");
        let body = &tag[tag.find('>').unwrap() + 1..];
        assert!(body.starts_with("</script>"), "{page} has an inline script");
    }
    for handler in [" onload=", " onerror=", " onclick=", "javascript:"] {
        assert!(!lower.contains(handler), "{page} has {handler}");
    }
}

#[test]
fn pages_from_the_lan_server_cannot_reach_the_ipc() {
    let (_dir, app) = app();
    let main = window(&app, desktop::MAIN_WINDOW);
    let presenter = window(&app, desktop::PRESENTER_WINDOW);
    let created = invoke(&main, "create_workshop", json!({ "title": "Room" })).unwrap();
    let workshop = json!({ "id": created["id"] });
    for url in FOREIGN_PAGES {
        for (window, command, input) in [
            (&main, "create_workshop", json!({ "title": "from the LAN" })),
            (&main, "list_workshops", json!({})),
            (
                &main,
                "open_participant_access",
                json!({ "workshop_id": created["id"] }),
            ),
            (&presenter, "get_workshop", workshop.clone()),
            (&main, "plugin:event|listen", json!({})),
        ] {
            let refused = invoke_from(window, url, command, input)
                .expect_err(&format!("{command} from {url} must be refused"));
            // Refused by access control: a plain string, never a `{code, message}` from core.
            assert!(refused.is_string(), "{command} from {url}: {refused}");
            assert!(
                refused.as_str().unwrap().contains("not allowed"),
                "{refused}"
            );
        }
    }
    // Windows and Android serve the app from http://tauri.localhost instead.
    let own_pages: &[&str] = if cfg!(windows) {
        &[APP_ORIGIN, "http://tauri.localhost/"]
    } else {
        &[APP_ORIGIN, "tauri://localhost/index.html#presenter=x"]
    };
    for url in own_pages {
        let listed = invoke_from(&main, url, "list_workshops", json!({})).unwrap();
        assert_eq!(listed[0]["title"], "Room", "{url}");
        let read = invoke_from(&presenter, url, "get_workshop", workshop.clone()).unwrap();
        assert_eq!(read["title"], "Room");
    }
    let listed = invoke(&main, "list_workshops", json!({})).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "nothing came in from the LAN"
    );
}

#[test]
fn other_windows_reach_no_facilitator_command() {
    let (_dir, app) = app();
    let phone = window(&app, "phone");
    let facilitator = fiilis_core::api::ALL
        .iter()
        .filter(|operation| operation.answered_by != fiilis_core::api::AnsweredBy::Desktop);
    for command in facilitator.map(|operation| operation.name) {
        let refused = invoke(&phone, command, json!({})).unwrap_err();
        assert!(refused.is_string(), "{command}: {refused}");
    }
}

/// One HTTP/1.1 request over a plain socket; the whole response as text.
fn http_get(port: u16, path: &str) -> String {
    let head = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}");
    let response = fiilis_testkit::exchange_blocking(([127, 0, 0, 1], port).into(), &head, b"");
    format!("{}\r\n\r\n{}", response.head, response.body)
}

#[test]
fn the_participant_servers_pages_carry_the_csp() {
    let (_dir, app) = app();
    let main = window(&app, desktop::MAIN_WINDOW);
    let created = invoke(&main, "create_workshop", json!({ "title": "Room" })).unwrap();
    let opened = invoke(
        &main,
        "open_participant_access",
        json!({ "workshop_id": created["id"], "port": 0, "address": "127.0.0.1" }),
    )
    .unwrap();
    let port = u16::try_from(opened["port"].as_u64().unwrap()).unwrap();
    for path in ["/", "/phone.html"] {
        let response = http_get(port, path);
        let (head, _) = response.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 200"), "{path}: {head}");
        let header = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-security-policy")
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_else(|| panic!("{path} has no CSP: {head}"));
        let policy = header_directives(&header);
        assert_strict(&policy, |_| false);
        assert_eq!(policy["connect-src"], ["'self'"], "phones have no IPC");
    }
    invoke(&main, "close_participant_access", json!({})).unwrap();
}
