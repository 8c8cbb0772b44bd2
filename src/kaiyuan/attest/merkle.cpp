#include "kaiyuan/attest/merkle.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace kaiyuan::attest {

namespace {

std::string sha256(unsigned char prefix, std::string_view a, std::string_view b = {}) {
    unsigned char out[32];
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    EVP_DigestUpdate(ctx, &prefix, 1);
    EVP_DigestUpdate(ctx, a.data(), a.size());
    EVP_DigestUpdate(ctx, b.data(), b.size());
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, out, &len);
    EVP_MD_CTX_free(ctx);
    return std::string(reinterpret_cast<char*>(out), len);
}

/// The largest power of two smaller than n (n > 1).
std::size_t split_point(std::size_t n) {
    std::size_t k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
}

/// MTH over leaves[from, from + n).
std::string subtree_root(const std::vector<std::string>& leaves, std::size_t from, std::size_t n) {
    if (n == 1) return leaves[from];
    std::size_t k = split_point(n);
    return merkle_node_hash(subtree_root(leaves, from, k), subtree_root(leaves, from + k, n - k));
}

void path(const std::vector<std::string>& leaves, std::size_t m, std::size_t from, std::size_t n,
          std::vector<std::string>& out) {
    if (n <= 1) return;
    std::size_t k = split_point(n);
    if (m < k) {
        path(leaves, m, from, k, out);
        out.push_back(subtree_root(leaves, from + k, n - k));
    } else {
        path(leaves, m - k, from + k, n - k, out);
        out.push_back(subtree_root(leaves, from, k));
    }
}

} // namespace

std::string merkle_leaf_hash(std::string_view entry) {
    return sha256(0x00, entry);
}

std::string merkle_node_hash(std::string_view left, std::string_view right) {
    return sha256(0x01, left, right);
}

std::string merkle_root(const std::vector<std::string>& leaves, std::size_t n) {
    if (n == 0) {
        unsigned char out[32];
        unsigned int len = 0;
        EVP_Digest("", 0, out, &len, EVP_sha256(), nullptr);
        return std::string(reinterpret_cast<char*>(out), len);
    }
    return subtree_root(leaves, 0, n);
}

std::vector<std::string> merkle_inclusion_proof(const std::vector<std::string>& leaves,
                                                std::size_t m, std::size_t n) {
    std::vector<std::string> out;
    if (m < n && n <= leaves.size()) path(leaves, m, 0, n, out);
    return out;
}

bool merkle_verify_inclusion(std::size_t m, std::size_t n, std::string_view leaf_hash,
                             const std::vector<std::string>& proof, std::string_view root) {
    if (m >= n) return false;
    std::size_t fn = m, sn = n - 1;
    std::string r(leaf_hash);
    for (const auto& p : proof) {
        if (sn == 0) return false;
        if ((fn & 1) || fn == sn) {
            r = merkle_node_hash(p, r);
            if (!(fn & 1))
                while (fn != 0 && !(fn & 1)) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            r = merkle_node_hash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r.size() == root.size() &&
           CRYPTO_memcmp(r.data(), root.data(), r.size()) == 0;
}

void MerkleTree::append(std::string leaf_hash) {
    if (m_levels.empty()) m_levels.emplace_back();
    m_levels[0].push_back(std::move(leaf_hash));
    // Each level gains a node when the one below completes a pair.
    for (std::size_t l = 0; m_levels[l].size() % 2 == 0; ++l) {
        if (l + 1 == m_levels.size()) m_levels.emplace_back();
        const auto& below = m_levels[l];
        m_levels[l + 1].push_back(merkle_node_hash(below[below.size() - 2], below.back()));
    }
}

std::string MerkleTree::subtree(std::size_t from, std::size_t n) const {
    // A complete, aligned subtree is stored.
    if ((n & (n - 1)) == 0 && from % n == 0) {
        std::size_t level = 0;
        while ((std::size_t{1} << level) < n)
            ++level;
        if (level < m_levels.size() && from / n < m_levels[level].size())
            return m_levels[level][from / n];
    }
    std::size_t k = split_point(n);
    return merkle_node_hash(subtree(from, k), subtree(from + k, n - k));
}

void MerkleTree::path(std::size_t m, std::size_t from, std::size_t n,
                      std::vector<std::string>& out) const {
    if (n <= 1) return;
    std::size_t k = split_point(n);
    if (m < k) {
        path(m, from, k, out);
        out.push_back(subtree(from + k, n - k));
    } else {
        path(m - k, from + k, n - k, out);
        out.push_back(subtree(from, k));
    }
}

std::string MerkleTree::root(std::size_t n) const {
    if (n == 0 || n > size()) return merkle_root({}, 0);
    return subtree(0, n);
}

std::vector<std::string> MerkleTree::inclusion_proof(std::size_t m, std::size_t n) const {
    std::vector<std::string> out;
    if (m < n && n <= size()) path(m, 0, n, out);
    return out;
}

} // namespace kaiyuan::attest
