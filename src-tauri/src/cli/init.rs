//! `agendapack init [--demo]`: create the database (migrating an older one), and with
//! `--demo` load the demo council unless it is already there.

use std::path::Path;

use super::db::{self, DemoLoad};
use super::CliResult;

pub fn run(db_path: Option<&Path>, demo: bool) -> CliResult {
    let mut store = db::open(db_path)?;
    let shown = store.path().map(|p| p.display().to_string()).unwrap_or_default();
    println!("AgendaPack database ready: {shown}");
    if demo {
        match db::load_demo(&mut store)? {
            DemoLoad::Loaded(ids) => {
                let list: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
                println!("Loaded the demo council: meetings {} (the demo meeting is {}).", list.join(", "), ids[0]);
            }
            DemoLoad::AlreadyThere(id) => println!("The demo council is already loaded (the demo meeting is {id})."),
            DemoLoad::NoDemo => println!("This build has no demo meetings to load."),
        }
    }
    Ok(())
}
