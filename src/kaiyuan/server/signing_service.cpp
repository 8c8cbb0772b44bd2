#include "kaiyuan/server/signing_service.hpp"

#include <algorithm>

namespace kaiyuan::server {

Result<std::shared_ptr<SigningService>>
SigningService::open(const std::vector<std::string>& keys,
                     const std::vector<std::string>& key_teams,
                     const attest::SecretPrompt& prompt) {
    auto service = std::make_shared<SigningService>();
    for (const auto& spec : keys) {
        auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
            return fail("--signing-key " + spec + ": expected NAME=KEY_FILE or NAME=pkcs11:...");
        std::string name = spec.substr(0, eq);
        if (service->find(name)) return fail("--signing-key " + name + " given twice");
        auto signer = attest::open_signer(spec.substr(eq + 1), prompt);
        if (!signer) return fail("--signing-key " + name + ": " + signer.error().message);
        service->m_keys.push_back({name, std::move(*signer), {}});
    }
    for (const auto& spec : key_teams) {
        auto eq = spec.find('=');
        if (eq == std::string::npos)
            return fail("--signing-key-team " + spec + ": expected NAME=TEAM");
        auto it = std::find_if(service->m_keys.begin(), service->m_keys.end(),
                               [&](const SigningKey& k) { return k.name == spec.substr(0, eq); });
        if (it == service->m_keys.end())
            return fail("--signing-key-team " + spec + ": no --signing-key of that name");
        it->teams.push_back(spec.substr(eq + 1));
    }
    return service;
}

const SigningKey* SigningService::find(std::string_view name) const {
    for (const auto& k : m_keys)
        if (k.name == name) return &k;
    return nullptr;
}

bool SigningService::may_use(const SigningKey& key, const store::Access& access,
                             store::Store& store) const {
    if (access.admin()) return true;
    if (!access.has(store::Permission::sign)) return false;
    std::vector<std::string> teams;
    if (!access.user.empty()) {
        auto user = store.get_user(access.user);
        if (user) teams = user->teams;
    } else {
        teams.push_back(access.team);
    }
    for (const auto& t : teams)
        if (std::find(key.teams.begin(), key.teams.end(), t) != key.teams.end()) return true;
    return false;
}

Result<void> SigningService::with_tree(store::Store& store,
                                       const std::function<void(const attest::MerkleTree&)>& fn) {
    std::lock_guard lock(m_mutex);
    // Another server on the same store may have appended: read what is new.
    auto added = store.signature_leaf_hashes(static_cast<std::int64_t>(m_tree.size()));
    if (!added) return unexpected(added.error());
    for (auto& h : *added)
        m_tree.append(std::move(h));
    fn(m_tree);
    return {};
}

} // namespace kaiyuan::server
