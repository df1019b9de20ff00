// mimalloc instead of the system allocator: a build allocates and frees millions of
// small strings (Markdown events, template values); at 10 000 lessons this cut the
// build's CPU time by about a sixth (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(syllabus::cli::main());
}
