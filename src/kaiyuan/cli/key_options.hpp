#pragma once
/// What the signing commands share: opening a signing key (file or PKCS#11 URI) with its
/// passphrase or PIN asked only when needed, reading public keys and certificates, and the exit
/// codes of verification (docs/attest.md): 0 verified, 1 verification failed, 2 bad input.
#include "kaiyuan/attest/signer.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kaiyuan::cli {

/// The signer of `--key REF`; ends the command (exit 2) when it cannot be opened.
std::unique_ptr<attest::Signer> open_signing_key(const std::string& reference);
/// Public keys of `--key` files (SubjectPublicKeyInfo PEM or a certificate); exit 2 on failure.
std::vector<attest::Key> read_public_keys(const std::vector<std::string>& paths);
/// A file the command reads (envelope, predicate, signature), at most `max_bytes`; exit 2.
std::string read_input(const std::string& path, std::uint64_t max_bytes);
/// Asks on the terminal (or reads the environment) for a passphrase or PIN.
attest::SecretPrompt terminal_prompt();

} // namespace kaiyuan::cli
