#include "kaiyuan/attest/signer.hpp"

#include "kaiyuan/attest/pkcs11.hpp"

namespace kaiyuan::attest {

namespace {

class FileSigner final : public Signer {
public:
    FileSigner(Key key, std::string path) : m_key(std::move(key)), m_path(std::move(path)) {}
    const Key& public_key() const override { return m_key; }
    Result<std::string> sign(std::string_view data) const override { return m_key.sign(data); }
    Result<std::string> sign_digest(std::string_view digest) const override {
        return m_key.sign_digest(digest);
    }
    std::string describe() const override { return m_path; }

private:
    Key m_key;
    std::string m_path;
};

} // namespace

Result<Key> read_private_key(const std::string& path, const SecretPrompt& prompt) {
    auto pem = read_secret_file(path);
    if (!pem) return unexpected(pem.error());
    // Unencrypted keys need no passphrase: ask only when the PEM says it is encrypted.
    Secret passphrase;
    if (pem->view().find("ENCRYPTED") != std::string_view::npos && prompt) {
        auto got = prompt("Passphrase for " + path + ": ");
        if (!got) return unexpected(got.error());
        passphrase = std::move(*got);
    }
    auto key = Key::from_private_pem(pem->view(), passphrase.view());
    if (!key) return fail(path + ": " + key.error().message);
    return key;
}

Result<std::unique_ptr<Signer>> open_signer(const std::string& reference,
                                            const SecretPrompt& prompt) {
    if (reference.starts_with("pkcs11:")) return open_pkcs11_signer(reference, prompt);
    auto key = read_private_key(reference, prompt);
    if (!key) return unexpected(key.error());
    return std::unique_ptr<Signer>(new FileSigner(std::move(*key), reference));
}

} // namespace kaiyuan::attest
