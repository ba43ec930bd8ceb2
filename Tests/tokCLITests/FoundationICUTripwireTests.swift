import Foundation
import Testing
import TokenKit

/// Foundation bundles its own ICU; TokenKit links the system ICU. Both live in this process.
/// If the latent clash in specs/swift-foundation.md §1.5 ever turns real, these fail first.
@Suite("Foundation and system ICU in one process")
struct FoundationICUTripwireTests {
    @Test("Foundation's locale case mapping still works next to system ICU word breaking")
    func coexist() throws {
        let words = try WordBreaker.segments(in: "straße İstanbul").filter(\.isWordLike)
        #expect(words.count == 2)
        #expect("straße".uppercased(with: Locale(identifier: "de_DE")) == "STRASSE")
        #expect("İSTANBUL".lowercased(with: Locale(identifier: "tr_TR")) == "istanbul")
    }
}
