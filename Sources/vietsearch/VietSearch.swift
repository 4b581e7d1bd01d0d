import ArgumentParser

@main
struct VietSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vietsearch",
        abstract: "Search Vietnamese news archives, with or without accents.",
        discussion: """
        Build an index with `vietsearch index`, then search it with `vietsearch search`.
        With no index yet, `search` builds one from seeds/ first.
        """,
        subcommands: [Search.self, Export.self, Suggest.self, Index.self, Stats.self, Check.self, Tokenize.self, Bench.self]
    )
}
