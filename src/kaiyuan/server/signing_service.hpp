#pragma once
/// The signing service's state in `kaiyuan serve`: the keys it holds (files or PKCS#11 tokens,
/// opened once at start; private keys never leave the server), which teams may use each, and the
/// leaf hashes of the signature log, cached and extended from the store as entries are added (so
/// that roots and inclusion proofs need no full read of the log per request).
#include "kaiyuan/attest/merkle.hpp"
#include "kaiyuan/attest/signer.hpp"
#include "kaiyuan/store/store.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kaiyuan::server {

struct SigningKey {
    std::string name;
    std::unique_ptr<attest::Signer> signer;
    std::vector<std::string> teams; ///< teams whose members and keys may sign with it
};

class SigningService {
public:
    /// `keys`: "NAME=REF" (REF a key file or pkcs11: URI); `key_teams`: "NAME=TEAM" (repeat for
    /// several teams). A key no team is given for can be used by administrators only.
    static Result<std::shared_ptr<SigningService>> open(const std::vector<std::string>& keys,
                                                        const std::vector<std::string>& key_teams,
                                                        const attest::SecretPrompt& prompt);

    const std::vector<SigningKey>& keys() const { return m_keys; }
    const SigningKey* find(std::string_view name) const;
    /// Whether `access` may sign with `key` (admins may use every key; others through a team).
    bool may_use(const SigningKey& key, const store::Access& access, store::Store& store) const;

    /// Calls `fn` with the log's tree (brought up to date from the store), under its lock.
    Result<void> with_tree(store::Store& store,
                           const std::function<void(const attest::MerkleTree&)>& fn);

private:
    std::vector<SigningKey> m_keys;
    std::mutex m_mutex;
    attest::MerkleTree m_tree;
};

} // namespace kaiyuan::server
