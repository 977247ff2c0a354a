//! The command line of `fiilis`: no subcommand opens the window; the others run headless.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use fiilis_core::report::{PaperSize, ReportFormat};
use fiilis_core::workshops::{NewWorkshop, WorkshopQuery};
use fiilis_core::{Language, TemplateId};

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
    Serve {
        /// Port to listen on; 0 picks a free one
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Also let participants join this workshop from their phones over the LAN
        #[arg(long, value_name = "ID", requires = "participants")]
        workshop: Option<String>,
        /// Open participant access (with --workshop)
        #[arg(long, requires = "workshop")]
        participants: bool,
        /// Port phones connect to; 0 picks a free one
        #[arg(long, default_value_t = 0, value_name = "N")]
        lan_port: u16,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// The report as one self-contained web page
    Html,
    /// The report as Markdown, with its chart as an SVG file beside it
    Md,
    /// The report as a PDF (A4, or Letter with --paper letter)
    Pdf,
    /// Every note as a spreadsheet
    Csv,
    /// The complete workshop file (.fiilis.json)
    Json,
    /// The emotion chart alone
    Svg,
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
        println!("{}", to_json(workshop));
    } else {
        println!("{}", workshop.id);
    }
}

/// Carries out a parsed command line; the error is the one line printed on failure.
pub fn execute(cli: Cli) -> Result<(), String> {
    let dir = crate::library::data_dir(cli.data_dir)?;
    let library = crate::library::open(&dir).map_err(|error| error.to_string())?;
    match cli.command {
        None => crate::desktop::run(library),
        Some(Command::List { json, trash }) => {
            let workshops = library
                .list_workshops(&WorkshopQuery {
                    trashed: trash,
                    search: None,
                })
                .map_err(|error| error.to_string())?;
            if json {
                println!("{}", to_json(&workshops));
            } else {
                for workshop in workshops {
                    println!(
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
        }) => {
            let report = |format| {
                library
                    .export_report(&workshop, format)
                    .map(String::into_bytes)
            };
            let contents = match format {
                ExportFormat::Html => report(ReportFormat::Html),
                ExportFormat::Md => report(ReportFormat::Md),
                ExportFormat::Csv => report(ReportFormat::Csv),
                ExportFormat::Pdf => library.export_pdf(&workshop, paper.into()),
                ExportFormat::Json => library
                    .export_workshop(&workshop)
                    .map(|file| to_json(&file).into_bytes()),
                ExportFormat::Svg => library
                    .emotion_chart_svg(&workshop, &[])
                    .map(String::into_bytes),
            }
            .map_err(|error| error.to_string())?;
            if let ExportFormat::Md = format {
                let chart = library
                    .emotion_chart_svg(&workshop, &[])
                    .map_err(|error| error.to_string())?;
                let beside = output.with_file_name(fiilis_core::report::CHART_FILE);
                write_atomically(&beside, chart.as_bytes())?;
            }
            write_atomically(&output, &contents)
        }
        Some(Command::Import {
            file,
            merge_into,
            json,
        }) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
            match merge_into {
                Some(workshop) => {
                    let change = library
                        .merge_workshop(&workshop, &text)
                        .map_err(|error| error.to_string())?;
                    if json {
                        println!("{}", to_json(&change));
                    } else {
                        let added: usize = change.upserted.values().map(Vec::len).sum();
                        println!("merged into {workshop}: {added} rows added");
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
            println!("{}", to_json(&health));
            if health.ok {
                Ok(())
            } else {
                Err("the library has problems (listed above)".to_owned())
            }
        }
        Some(Command::Serve {
            port,
            workshop,
            lan_port,
            ..
        }) => {
            let library = Arc::new(library);
            crate::library::keep_backed_up(&library);
            crate::library::follow_other_processes(&library);
            serve(library, port, workshop.map(|id| (id, lan_port)))
        }
    }
}

/// Writes `path` whole or not at all: a temporary file beside it, synced, then renamed.
fn write_atomically(path: &std::path::Path, contents: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let fail = |error: std::io::Error| format!("cannot write {}: {error}", path.display());
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let temporary = directory.join(format!(".{}.partial", name.to_string_lossy()));
    let mut file = std::fs::File::create(&temporary).map_err(fail)?;
    file.write_all(contents).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(fail)
}

/// Serves the facilitator UI on loopback and, given `(workshop, lan port)`, that workshop's
/// participant access on every interface.
fn serve(
    library: Arc<fiilis_core::Library>,
    port: u16,
    participants: Option<(String, u16)>,
) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|error| format!("cannot start the server runtime: {error}"))?;
    runtime.block_on(async move {
        let access = Arc::new(fiilis_server::ParticipantAccess::new(library.clone()));
        let server = fiilis_server::FacilitatorServer::bind(library, access.clone(), port)
            .await
            .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
        println!("Fiilis facilitator UI: {}", server.url());
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
            println!("Participants join at: {join_url}");
            let chosen = format!("//{address}:");
            for other in opened.addresses.iter().filter(|a| a.ip != address) {
                let url = join_url.replacen(&chosen, &format!("//{}:", other.ip), 1);
                println!("Participants join at: {url}");
            }
            println!("Room code: {code}");
        }
        println!("Press Ctrl+C to stop.");
        server
            .serve_until(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|error| format!("the server stopped: {error}"))
    })
}
