//! The checked-in `sdk/src/generated/` must equal what the spec generates today.

#[test]
fn generated_code_matches_the_spec() {
    let stale = molecule_sdk_codegen::run(true).expect("codegen runs");
    assert!(
        stale.is_empty(),
        "spec changed without regenerating; run `cargo run -p molecule-sdk-codegen`. Stale: {stale:?}"
    );
}

#[test]
fn generated_files_carry_the_do_not_edit_header() {
    for entry in std::fs::read_dir(molecule_sdk_codegen::generated_dir()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(molecule_sdk_codegen::HEADER),
            "{} lacks the header",
            path.display()
        );
    }
}
