//! The Tauri 2 desktop shell: opens the database once, keeps it (in the api's `ApiContext`) in
//! managed state, registers the commands (one module per domain under `commands`), and shows the
//! single window whose page is the web UI built into `ui/dist`.
//!
//! When the person has chosen a team server instead of the file on this computer, `remote`
//! forwards the page's commands to it before they reach the command table (issue 18, item 6).
//!
//! Deliberately not here: any agenda or pack logic. Commands call `crate::api`, which the HTTP
//! bridge of `agendapack serve` calls too, so both transports behave the same.

pub mod commands;
mod data;
mod ready;
pub mod remote;
pub mod settings;

use tauri::webview::PageLoadEvent;

use crate::api::ApiContext;

pub use data::DB_VARIABLE;

/// Starts the desktop app and returns when its window is closed. A database that cannot be
/// opened is reported on stderr with exit code 1: without it the app has nothing to show.
pub fn run() {
    let (store, database) = match data::open_store() {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("agendapack-desktop: {e}");
            std::process::exit(1);
        }
    };
    let local = local_commands();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(ApiContext::new(store))
        .manage(remote::Remote::start(&database))
        .on_page_load(|webview, payload| {
            if payload.event() == PageLoadEvent::Finished {
                ready::watch(webview);
            }
        })
        .invoke_handler(move |invoke| match remote::forward(invoke) {
            Some(invoke) => local(invoke),
            None => true,
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("agendapack-desktop: the window could not be shown: {e}");
        std::process::exit(1);
    }
}

/// The commands run in this process: all of them on the file on this computer, and the
/// `team_*` ones and the desktop-only ones while a team server is in use.
fn local_commands<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
            commands::council::council_get,
            commands::council::council_save,
            commands::committees::committees_list,
            commands::committees::committee_save,
            commands::committees::committee_texts_save,
            commands::committees::committee_retire,
            commands::committees::committee_delete,
            commands::committees::membership_save,
            commands::committees::membership_delete,
            commands::meetings::meetings_list,
            commands::meetings::private_section_notices,
            commands::meetings::meeting_get,
            commands::meetings::meeting_create,
            commands::meetings::meeting_update,
            commands::agenda::item_add,
            commands::agenda::item_update,
            commands::agenda::item_delete,
            commands::agenda::items_reorder,
            commands::reports::report_get,
            commands::reports::report_save,
            commands::reports::appendix_add,
            commands::reports::appendix_attach_pdf,
            commands::reports::appendix_update,
            commands::reports::appendix_delete,
            commands::reports::appendices_reorder,
            commands::word::docx_preview,
            commands::word::report_import_docx,
            commands::word::report_restore,
            commands::pictures::report_pictures,
            commands::pictures::report_picture_add,
            commands::pictures::appendix_import_docx,
            commands::reports::markdown_check,
            commands::reports::text_check,
            commands::packs::pack_build,
            commands::packs::pack_job,
            commands::packs::pack_pdf,
            commands::packs::pack_save_as,
            commands::packs::pack_open_external,
            commands::minutes::minutes_get,
            commands::minutes::minutes_start,
            commands::minutes::minutes_save,
            commands::minutes::minutes_status,
            commands::minutes::minutes_amend,
            commands::minutes::actions_list,
            commands::minutes::action_done,
            commands::minutes::minute_numbering_set,
            commands::audit::audit_list,
            commands::deadlines::deadlines_meeting,
            commands::deadlines::deadlines_report,
            commands::deadlines::report_status_history,
            commands::deadlines::deadlines_upcoming,
            commands::deadlines::deadlines_ics,
            commands::deadlines::deadline_rules,
            commands::deadlines::deadline_rule_save,
            commands::deadlines::deadline_rule_delete,
            commands::deadlines::deadline_override_save,
            commands::deadlines::item_mark_late,
            commands::deadlines::holidays_import,
            commands::deadlines::closure_days_list,
            commands::deadlines::closure_days_save,
            commands::programme::programme_board,
            commands::programme::programme_item_add,
            commands::programme::programme_item_update,
            commands::programme::programme_item_move,
            commands::programme::programme_item_status,
            commands::programme::programme_item_confirm,
            commands::programme::programme_item_history,
            commands::programme::forward_plan_list,
            commands::programme::forward_plan_save,
            commands::programme::forward_plan_delete,
            commands::programme::trackers_list,
            commands::programme::tracker_get,
            commands::programme::tracker_add_update,
            commands::programme::tracker_attach,
            commands::clearance::clearance_route_get,
            commands::clearance::clearance_route_save,
            commands::clearance::clearance_state,
            commands::clearance::clearance_submit,
            commands::clearance::clearance_approve,
            commands::clearance::clearance_return,
            commands::clearance::clearance_waiting,
            commands::clearance::clearance_dues,
            commands::clearance::clearance_due_save,
            commands::clearance::smtp_settings_get,
            commands::clearance::smtp_settings_save,
            commands::clearance::account_email_set,
            ready::desktop_ready,
            remote::team_status,
            remote::team_probe,
            remote::team_connect,
            remote::team_use_file,
            remote::team_sign_in,
            remote::team_sign_out,
    ]
}
