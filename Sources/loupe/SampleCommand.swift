// `loupe sample`: writes synthetic stand-ins for public datasets, in the datasets' own file shapes,
// so that the walkthroughs and benchmarks run without a download. Each dataset is a subcommand;
// output is deterministic for a given seed.

import ArgumentParser

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write synthetic sample datasets (deterministic for a given seed).",
        subcommands: [SampleUnsplashCommand.self])
}
