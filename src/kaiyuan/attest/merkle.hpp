#pragma once
/// Merkle trees as Certificate Transparency defines them (RFC 6962 section 2.1, kept in RFC
/// 9162 section 2.1): the hash of a log's entries, audit paths that prove an entry is in the
/// log, and their verification. Hashes are SHA-256, as raw 32-byte strings.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::attest {

/// SHA-256(0x00 || entry): the hash of a leaf.
std::string merkle_leaf_hash(std::string_view entry);
/// SHA-256(0x01 || left || right): the hash of an inner node.
std::string merkle_node_hash(std::string_view left, std::string_view right);

/// MTH(D[0:n]) over the leaf hashes `leaves` (the first `n` of them); SHA-256("") for none.
std::string merkle_root(const std::vector<std::string>& leaves, std::size_t n);
/// PATH(m, D[0:n]): the audit path of leaf `m` in the tree of the first `n` leaves (m < n).
std::vector<std::string> merkle_inclusion_proof(const std::vector<std::string>& leaves,
                                                std::size_t m, std::size_t n);
/// Whether `proof` shows that `leaf_hash` is leaf `m` of a tree of `n` leaves with `root`
/// (RFC 9162 2.1.3.2).
bool merkle_verify_inclusion(std::size_t m, std::size_t n, std::string_view leaf_hash,
                             const std::vector<std::string>& proof, std::string_view root);

} // namespace kaiyuan::attest
