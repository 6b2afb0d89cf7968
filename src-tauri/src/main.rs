//! The `agendapack` command-line program: all the work is in [`agendapack::cli`].

fn main() -> std::process::ExitCode {
    agendapack::cli::main()
}
