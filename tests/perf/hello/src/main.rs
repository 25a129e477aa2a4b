//! A bare Tauri window: one page that calls one command and shows its answer. It is
//! what `cargo xtask bench-launch` measures the app against, built with the same Tauri
//! version and release profile, and launched the same way.

/// The one command the page calls.
#[tauri::command]
fn greet() -> &'static str {
    "Hello from Rust"
}

fn main() {
    let outcome = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![greet])
        .run(tauri::generate_context!());
    if let Err(error) = outcome {
        eprintln!("the hello-world window could not run: {error}");
        std::process::exit(1);
    }
}
