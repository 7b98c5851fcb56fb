fn main() -> std::process::ExitCode {
    coopbridge_api::cli::main()
}
