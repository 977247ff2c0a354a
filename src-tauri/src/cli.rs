//! The command line of `fiilis`: no subcommand opens the window; the others run headless.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
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
    /// Serve the facilitator UI to browsers on this computer (127.0.0.1 only)
    Serve {
        /// Port to listen on; 0 picks a free one
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
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
            if json {
                println!("{}", to_json(&workshop));
            } else {
                println!("{}", workshop.id);
            }
            Ok(())
        }
        Some(Command::Serve { port }) => serve(Arc::new(library), port),
    }
}

fn serve(library: Arc<fiilis_core::Library>, port: u16) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|error| format!("cannot start the server runtime: {error}"))?;
    runtime.block_on(async move {
        let server = fiilis_server::FacilitatorServer::bind(library, port)
            .await
            .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
        println!("Fiilis facilitator UI: {}", server.url());
        println!("Press Ctrl+C to stop.");
        server
            .serve_until(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|error| format!("the server stopped: {error}"))
    })
}
