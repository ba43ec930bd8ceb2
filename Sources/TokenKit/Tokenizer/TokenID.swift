/// A token identifier: an index into a tokenizer's vocabulary.
///
/// 32 bits hold every vocabulary in use (the largest published ones have about 260k entries)
/// and halve the memory of id arrays compared with `Int`.
public typealias TokenID = UInt32
