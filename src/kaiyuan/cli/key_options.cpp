#include "kaiyuan/cli/key_options.hpp"

#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/util/files.hpp"

namespace kaiyuan::cli {

attest::SecretPrompt terminal_prompt() {
    return [](std::string_view what) { return attest::read_passphrase(what, false); };
}

std::unique_ptr<attest::Signer> open_signing_key(const std::string& reference) {
    auto signer = attest::open_signer(reference, terminal_prompt());
    if (!signer) throw CommandError{signer.error().message};
    return std::move(*signer);
}

std::vector<attest::Key> read_public_keys(const std::vector<std::string>& paths) {
    std::vector<attest::Key> keys;
    for (const auto& path : paths) {
        auto text = util::read_file(path, 1 << 20);
        if (!text) throw CommandError{text.error().message};
        auto key = attest::Key::from_public_pem(*text);
        if (!key) throw CommandError{path + ": " + key.error().message};
        keys.push_back(std::move(*key));
    }
    return keys;
}

std::string read_input(const std::string& path, std::uint64_t max_bytes) {
    auto text = util::read_file(path, max_bytes);
    if (!text) throw CommandError{text.error().message};
    return std::move(*text);
}

} // namespace kaiyuan::cli
