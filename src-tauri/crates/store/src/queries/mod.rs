//! One module of SQL per group of tables. Each function takes the connection (or the open
//! transaction) it runs on, so the caller decides the transaction; none of them validates
//! domain rules (that is [`crate::checks`] and the model's `validate`).

pub mod committees;
pub mod council;
pub mod deadlines;
pub mod items;
pub mod meetings;
pub mod minutes;
pub mod people;
pub mod reports;
pub mod settings;
pub mod work_programme;
