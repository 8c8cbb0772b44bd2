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

/// A log's tree kept as it grows: every complete, aligned subtree's hash is stored once, so that a
/// root or an inclusion proof of any prefix of the log costs O(log² n) hashes rather than O(n)
/// (the RFC's recursion only ever splits off complete, aligned left subtrees).
class MerkleTree {
public:
    void append(std::string leaf_hash);
    std::size_t size() const { return m_levels.empty() ? 0 : m_levels[0].size(); }
    const std::string& leaf(std::size_t i) const { return m_levels[0][i]; }
    /// MTH of the first `n` leaves (n <= size()).
    std::string root(std::size_t n) const;
    /// PATH(m, D[0:n]) (m < n <= size()).
    std::vector<std::string> inclusion_proof(std::size_t m, std::size_t n) const;

private:
    std::string subtree(std::size_t from, std::size_t n) const;
    void path(std::size_t m, std::size_t from, std::size_t n, std::vector<std::string>& out) const;
    /// m_levels[l][i]: the hash of leaves [i·2^l, (i+1)·2^l), present once they all are.
    std::vector<std::vector<std::string>> m_levels;
};

} // namespace kaiyuan::attest
