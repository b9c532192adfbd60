import Testing
@testable import ArchiveSynthesis
