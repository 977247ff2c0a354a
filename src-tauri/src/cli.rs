//! The command line of `fiilis`: no subcommand opens the window; the others run headless.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use fiilis_core::files::FileFormat;
use fiilis_core::report::PaperSize;
use fiilis_core::workshops::{NewWorkshop, WorkshopQuery};
use fiilis_core::{Language, TemplateId};

/// Prints a line for the person at the terminal. A reader that went away (`fiilis list |
/// head -1`, or a closed terminal under `serve`) is no reason to panic or to stop serving.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "fiilis",
    version,
    about = "Offline co-design workshops: ideas, personas, journeys, emotion curves and voting",
    long_about = None
)]
pub struct Cli {
    /// Folder of the workshop library (default: the platform data folder)
    #[arg(long, global = true, env = "FIILIS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the workshops in the library, most recently updated first
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// List the trash instead
        #[arg(long)]
        trash: bool,
    },
    /// Create a workshop and print its id
    New {
        /// The workshop's title
        title: String,
        #[arg(long, value_enum, default_value = "blank")]
        template: TemplateArg,
        #[arg(long, value_enum, default_value = "en")]
        lang: LanguageArg,
        /// Print the whole workshop as JSON
        #[arg(long)]
        json: bool,
    },
    /// Write a workshop to a file
    Export {
        /// The workshop's id
        workshop: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: PathBuf,
        /// The page size of a PDF
        #[arg(long, value_enum, default_value = "a4")]
        paper: PaperArg,
    },
    /// Read a workshop file (.fiilis.json) into the library
    Import {
        /// The file to read
        file: PathBuf,
        /// Add the file's content to this workshop instead of making a new one
        #[arg(long, value_name = "WORKSHOP")]
        merge_into: Option<String>,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Check the library file: SQLite's integrity check, references and Fiilis's own rules
    /// (prints JSON; exits with 1 when something is wrong)
    Check,
    /// Serve the facilitator UI to browsers on this computer (127.0.0.1 only)
    #[command(group(ArgGroup::new("lan").args(["participants", "hub"]).multiple(true)))]
    Serve {
        /// Port to listen on; 0 picks a free one
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Also let participants join this workshop from their phones over the LAN
        #[arg(long, value_name = "ID", requires = "lan")]
        workshop: Option<String>,
        /// Open participant access (with --workshop)
        #[arg(long, requires = "workshop")]
        participants: bool,
        /// Make this laptop the hub other laptops sync the workshop with (with --workshop;
        /// opens participant access too, and prints the address and code laptops pair with)
        #[arg(long, requires = "workshop")]
        hub: bool,
        /// Follow a hub's workshop in this library, from the address it printed
        /// (http://…/sync/<workshop>#<secret>), and keep it in step until stopped
        #[arg(long, value_name = "URL", conflicts_with = "hub")]
        join: Option<String>,
        /// Port phones (and other laptops) connect to; 0 picks a free one
        #[arg(long, default_value_t = 0, value_name = "N")]
        lan_port: u16,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// The report as one self-contained web page
    Html,
    /// The report as Markdown, zipped with its chart and photos
    Md,
    /// The report as a PDF (A4, or Letter with --paper letter)
    Pdf,
    /// Every note as a spreadsheet
    Csv,
    /// The complete workshop file (.fiilis.json)
    Json,
    /// The emotion chart alone
    Svg,
    /// The changes of a workshop synced between laptops (.fiilis-changes.json)
    Changes,
}

impl From<ExportFormat> for FileFormat {
    fn from(value: ExportFormat) -> Self {
        match value {
            ExportFormat::Html => FileFormat::Html,
            ExportFormat::Md => FileFormat::Md,
            ExportFormat::Pdf => FileFormat::Pdf,
            ExportFormat::Csv => FileFormat::Csv,
            ExportFormat::Json => FileFormat::Json,
            ExportFormat::Svg => FileFormat::Svg,
            ExportFormat::Changes => FileFormat::Changes,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

impl From<PaperArg> for PaperSize {
    fn from(value: PaperArg) -> Self {
        match value {
            PaperArg::A4 => PaperSize::A4,
            PaperArg::Letter => PaperSize::Letter,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TemplateArg {
    Blank,
    Hotel,
    Digital,
}

impl From<TemplateArg> for TemplateId {
    fn from(value: TemplateArg) -> Self {
        match value {
            TemplateArg::Blank => TemplateId::Blank,
            TemplateArg::Hotel => TemplateId::Hotel,
            TemplateArg::Digital => TemplateId::Digital,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LanguageArg {
    En,
    Fi,
}

impl From<LanguageArg> for Language {
    fn from(value: LanguageArg) -> Self {
        match value {
            LanguageArg::En => Language::En,
            LanguageArg::Fi => Language::Fi,
        }
    }
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("core types always serialise to JSON")
}

/// Prints a workshop the command made: its id, or the whole of it as JSON.
fn print_workshop(workshop: &fiilis_core::Workshop, json: bool) {
    if json {
        say!("{}", to_json(workshop));
    } else {
        say!("{}", workshop.id);
    }
}

/// Carries out a parsed command line; the error is the one line printed on failure.
pub fn execute(cli: Cli) -> Result<(), String> {
    let dir = crate::library::data_dir(cli.data_dir)?;
    if matches!(cli.command, None | Some(Command::Serve { .. })) {
        crate::logs::start(&dir);
        tracing::info!(version = env!("CARGO_PKG_VERSION"), data_dir = %dir.display(), "starting");
    }
    let opened = crate::library::open(&dir);
    let library = match (opened, &cli.command) {
        (Ok(library), _) => library,
        // The window must not just vanish: it opens on what went wrong and the way back.
        (Err(error), None) => {
            tracing::error!(
                code = error.code().as_str(),
                "the library did not open; recovery window"
            );
            return crate::desktop::run_recovery(crate::recovery::Recovery {
                library_path: dir.join(fiilis_core::store::LIBRARY_FILE),
                problem: error.to_wire(),
            });
        }
        (Err(error), Some(_)) => return Err(error.to_string()),
    };
    match cli.command {
        None => crate::desktop::run(library),
        Some(Command::List { json, trash }) => {
            let workshops = library
                .list_workshops(&WorkshopQuery {
                    trashed: trash,
                    ..Default::default()
                })
                .map_err(|error| error.to_string())?;
            if json {
                say!("{}", to_json(&workshops));
            } else {
                for workshop in workshops {
                    say!(
                        "{}  {}  {:<7}  {}",
                        workshop.id,
                        workshop.date.as_deref().unwrap_or("----------"),
                        workshop.template.as_str(),
                        workshop.title
                    );
                }
            }
            Ok(())
        }
        Some(Command::New {
            title,
            template,
            lang,
            json,
        }) => {
            let workshop = library
                .create_workshop(&NewWorkshop {
                    title,
                    template: template.into(),
                    language: lang.into(),
                    ..Default::default()
                })
                .map_err(|error| error.to_string())?;
            print_workshop(&workshop, json);
            Ok(())
        }
        Some(Command::Export {
            workshop,
            format,
            output,
            paper,
        }) => library
            .write_file(&workshop, format.into(), paper.into(), &output)
            .map(drop)
            .map_err(|error| error.to_string()),
        Some(Command::Import {
            file,
            merge_into,
            json,
        }) => {
            let text =
                fiilis_core::files::read_workshop_file(&file).map_err(|error| error.to_string())?;
            match merge_into {
                Some(workshop) => {
                    let change = library
                        .merge_workshop(&workshop, &text)
                        .map_err(|error| error.to_string())?;
                    if json {
                        say!("{}", to_json(&change));
                    } else {
                        let added: usize = change.upserted.values().map(Vec::len).sum();
                        say!("merged into {workshop}: {added} rows added");
                    }
                }
                None => {
                    let workshop = library
                        .import_workshop(&text)
                        .map_err(|error| error.to_string())?;
                    print_workshop(&workshop, json);
                }
            }
            Ok(())
        }
        Some(Command::Check) => {
            let health = library.check().map_err(|error| error.to_string())?;
            say!("{}", to_json(&health));
            if health.ok {
                Ok(())
            } else {
                Err("the library has problems (listed above)".to_owned())
            }
        }
        Some(Command::Serve {
            port,
            workshop,
            hub,
            join,
            lan_port,
            ..
        }) => {
            let pairing = match (&workshop, hub) {
                (Some(workshop), true) => Some(
                    library
                        .host_sync(workshop)
                        .map_err(|error| error.to_string())?,
                ),
                _ => None,
            };
            let library = Arc::new(library);
            crate::library::keep_backed_up(&library, None);
            crate::library::follow_other_processes(&library);
            serve(
                library,
                port,
                workshop.map(|id| (id, lan_port)),
                pairing,
                join,
            )
        }
    }
}

/// Serves the facilitator UI on loopback and, given `(workshop, lan port)`, that workshop's
/// participant access on every interface; given `pairing` (the workshop's, as its hub), also
/// the address other laptops pair with; given `join` (a hub's pairing address), follows that
/// hub's workshop for as long as it serves.
fn serve(
    library: Arc<fiilis_core::Library>,
    port: u16,
    participants: Option<(String, u16)>,
    pairing: Option<fiilis_core::sync::Pairing>,
    join: Option<String>,
) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|error| format!("cannot start the server runtime: {error}"))?;
    runtime.block_on(async move {
        // Joining comes first: a hub out of reach or a wrong code fails the start, with the
        // reason, before anything listens.
        let satellite = match join {
            Some(url) => Some(
                fiilis_server::Satellite::connect(library.clone(), &url)
                    .await
                    .map_err(|error| error.to_string())?,
            ),
            None => None,
        };
        let access = Arc::new(fiilis_server::ParticipantAccess::new(library.clone()));
        if let Some(satellite) = satellite {
            say!("sync: following {}", satellite.hub_url());
            access.follow(satellite).await;
        }
        // And every other hub this library joined before (the desktop app does the same).
        access.follow_joined_hubs().await;
        let server = fiilis_server::FacilitatorServer::bind(library, access.clone(), port)
            .await
            .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
        say!("Fiilis facilitator UI: {}", server.url());
        if let Some((workshop_id, lan_port)) = participants {
            let opened = access
                .open(&fiilis_server::access::OpenAccess {
                    workshop_id,
                    port: Some(lan_port),
                    address: None,
                })
                .await
                .map_err(|error| error.message)?;
            let (Some(join_url), Some(address), Some(code)) =
                (&opened.join_url, opened.address, &opened.room_code)
            else {
                return Err("participant access did not open".to_owned());
            };
            say!("Participants join at: {join_url}");
            let chosen = format!("//{address}:");
            for other in opened.addresses.iter().filter(|a| a.ip != address) {
                let url = join_url.replacen(&chosen, &format!("//{}:", other.ip), 1);
                say!("Participants join at: {url}");
            }
            say!("Room code: {code}");
            if let Some(pairing) = pairing {
                let port = opened.port.unwrap_or_default();
                say!(
                    "sync: http://{}/sync/{}#{}",
                    std::net::SocketAddr::new(address, port),
                    pairing.workshop_id,
                    pairing.secret
                );
                say!("sync code: {}", pairing.code);
            }
        }
        say!("Press Ctrl+C to stop.");
        let served = server
            .serve_until(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|error| format!("the server stopped: {error}"));
        access.stop_following().await;
        served
    })
}
