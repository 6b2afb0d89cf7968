//! E-mail reminders' settings (issue 19): `smtp_settings_get` / `smtp_settings_save` (the
//! council's mail server; the password is write-only: saved, never answered, only whether one
//! is set) and `account_email_set` (where an account's reminders go). Council-wide, so the
//! administrator's (see `authz`).
//!
//! Deliberately not here: what is owed and to whom (the store's `reminders`), sending (the
//! `team::reminders` module, run by `agendapack reminders send` and the team server's daily
//! tick).

use agendapack_store::reminders::{SmtpSettings, SmtpSettingsInput};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, NoArgs};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountEmailSetRequest {
    /// The account's sign-in name.
    pub name: String,
    /// "" to remove it (the account gets no reminders).
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SmtpSettingsResponse {
    /// None until the mail server is set.
    pub settings: Option<SmtpSettings>,
}

pub fn smtp_settings_get(ctx: &ApiContext, _req: NoArgs) -> Result<SmtpSettingsResponse, ApiError> {
    Ok(SmtpSettingsResponse { settings: ctx.store()?.smtp_settings()? })
}

pub fn smtp_settings_save(ctx: &ApiContext, req: SmtpSettingsInput) -> Result<SmtpSettings, ApiError> {
    Ok(ctx.store()?.smtp_settings_save(&req)?)
}

pub fn account_email_set(ctx: &ApiContext, req: AccountEmailSetRequest) -> Result<NoArgs, ApiError> {
    ctx.store()?.account_email_set(&req.name, &req.email)?;
    Ok(NoArgs {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_saved_but_never_answered() {
        let ctx = ApiContext::new(agendapack_store::Store::open_in_memory().unwrap());
        let input = SmtpSettingsInput {
            host: "smtp.council.gov.uk".into(),
            port: 587,
            tls: "starttls".into(),
            from_address: "Democratic Services <democracy@council.gov.uk>".into(),
            username: "agendapack".into(),
            password: Some("s3cret-Pa55".into()),
            link_address: "https://agendapack.council.gov.uk:8443/".into(),
        };
        let saved = smtp_settings_save(&ctx, input.clone()).unwrap();
        assert!(saved.password_set);
        let shown = serde_json::to_string(&smtp_settings_get(&ctx, NoArgs {}).unwrap()).unwrap();
        assert!(!shown.contains("s3cret"), "the password is never answered: {shown}");
        assert!(shown.contains("\"password_set\":true"), "{shown}");
        // Saving without a password keeps it; "" removes it.
        smtp_settings_save(&ctx, SmtpSettingsInput { password: None, ..input.clone() }).unwrap();
        assert_eq!(ctx.store().unwrap().smtp_server().unwrap().unwrap().password, "s3cret-Pa55");
        assert_eq!(ctx.store().unwrap().smtp_server().unwrap().unwrap().link_address, "https://agendapack.council.gov.uk:8443");
        assert!(!smtp_settings_save(&ctx, SmtpSettingsInput { password: Some(String::new()), ..input.clone() }).unwrap().password_set);
        let err = smtp_settings_save(&ctx, SmtpSettingsInput { tls: "ssl".into(), host: " ".into(), ..input }).unwrap_err();
        assert!(format!("{err:?}").contains("host name"), "{err:?}");
    }
}
