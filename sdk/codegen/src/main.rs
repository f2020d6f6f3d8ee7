//! `cargo run -p molecule-sdk-codegen [-- --check]`: regenerate (or check) `sdk/src/generated/`.

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    match molecule_sdk_codegen::run(check) {
        Ok(stale) if stale.is_empty() => println!("sdk/src/generated is up to date"),
        Ok(stale) if check => {
            eprintln!(
                "stale generated files (run `cargo run -p molecule-sdk-codegen`):\n  {}",
                stale.join("\n  ")
            );
            std::process::exit(1);
        }
        Ok(stale) => println!("regenerated:\n  {}", stale.join("\n  ")),
        Err(e) => {
            eprintln!("codegen failed: {e}");
            std::process::exit(2);
        }
    }
}
