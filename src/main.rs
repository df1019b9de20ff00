fn main() {
    std::process::exit(syllabus::cli::main());
}
