// The TokenKitPooled module; see docs/architecture.md for what it owns.
import TokenKit
