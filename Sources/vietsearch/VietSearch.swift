import ArgumentParser

@main
struct VietSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Every command names itself: ArgumentParser otherwise derives the name with
        // String(describing:), whose protocol look-ups were a third of start-up (9.8M of 29M instructions).
        commandName: "vietsearch",
        abstract: "Search Vietnamese news archives, with or without accents.",
        discussion: """
        Build an index with `vietsearch index`, then search it with `vietsearch search`.
        With no index yet, `search` builds one from seeds/ first.
        """,
        subcommands: [Search.self, Export.self, Suggest.self, Index.self, Stats.self, Check.self, Tokenize.self, Bench.self]
    )
}
