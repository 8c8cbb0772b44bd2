// kaiyuan attest SUBJECT... --predicate FILE --type T --key KEY: an in-toto statement about the
// subjects, signed in a DSSE envelope (or a Sigstore bundle); and kaiyuan verify-attestation
// ENVELOPE --key PUB: the signatures, the predicate type and the subjects checked, and the
// verified statement printed (docs/attest.md).
#include "kaiyuan/attest/attestation.hpp"
#include "kaiyuan/attest/bundle.hpp"
#include "kaiyuan/attest/verify.hpp"
#include "kaiyuan/attest/x509.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/key_options.hpp"

#include <cstdio>
#include <iostream>

namespace kaiyuan::cli {

namespace {

struct AttestArgs {
    std::vector<std::string> subjects;
    std::string predicate;
    std::string type;
    std::vector<std::string> keys;
    std::string cert;
    bool bundle = false;
    std::string output;
};

void run_attest(const AttestArgs& args) {
    auto uri = attest::predicate_type_uri(args.type);
    if (!uri)
        throw CommandError{
            "unknown --type " + args.type +
            " (spdx, spdx3, cyclonedx, openvex, vuln, slsa-provenance, link, or a URI)"};
    std::vector<attest::Subject> subjects;
    for (const auto& path : args.subjects) {
        auto s = attest::file_subject(path, path);
        if (!s) throw CommandError{s.error().message};
        subjects.push_back(std::move(*s));
    }
    std::string predicate = read_input(args.predicate, attest::k_max_envelope_bytes);
    std::vector<std::unique_ptr<attest::Signer>> signers;
    for (const auto& k : args.keys)
        signers.push_back(open_signing_key(k));
    std::vector<std::string> chain;
    if (!args.cert.empty()) {
        auto certs = attest::read_certificates_pem(read_input(args.cert, 1 << 20));
        if (!certs) throw CommandError{args.cert + ": " + certs.error().message};
        auto cert_key = attest::certificate_key(certs->front());
        if (!cert_key || !cert_key->same_public_key(signers.front()->public_key()))
            throw CommandError{args.cert + ": the certificate is not for the key " +
                               args.keys.front()};
        chain = std::move(*certs);
    }
    auto signed_doc = attest::attest_statement(subjects, *uri, predicate, signers);
    if (!signed_doc) throw CommandError{signed_doc.error().message};
    OutputOptions out;
    out.output = args.output;
    out.emit(args.bundle
                 ? attest::write_bundle(*signed_doc, signers.front()->public_key().key_id(), chain)
                 : attest::write_envelope(*signed_doc));
}

struct VerifyAttestationArgs {
    std::string envelope;
    std::vector<std::string> keys;
    std::size_t threshold = 1;
    std::vector<std::string> subjects;
    std::string type;
    std::string cert;
    std::string ca;
};

void run_verify_attestation(const VerifyAttestationArgs& args) {
    auto bundle =
        attest::read_envelope_or_bundle(read_input(args.envelope, attest::k_max_envelope_bytes));
    if (!bundle) throw CommandError{args.envelope + ": " + bundle.error().message};
    std::vector<attest::Key> keys = read_public_keys(args.keys);
    std::string signer_subject;
    if (!args.ca.empty()) {
        // The signer's certificate: from --cert, else from the bundle.
        std::vector<std::string> chain = bundle->certificates;
        if (!args.cert.empty()) {
            auto certs = attest::read_certificates_pem(read_input(args.cert, 1 << 20));
            if (!certs) throw CommandError{args.cert + ": " + certs.error().message};
            chain = std::move(*certs);
        }
        if (chain.empty())
            throw CommandError{
                "--ca needs the signer's certificate: a bundle that carries it, or --cert"};
        if (auto ok = attest::verify_code_signing_chain(chain, read_input(args.ca, 1 << 20)); !ok)
            throw CommandError{"certificate: " + ok.error().message, k_policy};
        auto key = attest::certificate_key(chain.front());
        if (!key) throw CommandError{key.error().message};
        signer_subject = attest::certificate_subject(chain.front());
        keys.push_back(std::move(*key));
    } else if (!args.cert.empty()) {
        throw CommandError{
            "--cert is checked against --ca ROOT.pem; give --ca (or --key for a bare key)"};
    }
    if (keys.empty()) throw CommandError{"give --key PUB (one or more) or --ca ROOT.pem"};
    std::vector<const attest::Key*> key_ptrs;
    for (const auto& k : keys)
        key_ptrs.push_back(&k);
    attest::AttestationCheck check{args.threshold, args.type, args.subjects};
    auto verified = attest::verify_attestation(bundle->envelope, key_ptrs, check);
    if (!verified)
        throw CommandError{args.envelope + ": " + verified.error().message,
                           verified.error().kind == attest::VerifyError::failed ? k_policy
                                                                                : k_usage};
    std::string signers;
    for (std::size_t i : verified->signer_keys)
        signers += (signers.empty() ? "" : ", ") + keys[i].key_id().substr(0, 16);
    std::fprintf(stderr, "kaiyuan: verified %s: %s, signed by %s%s%s\n", args.envelope.c_str(),
                 verified->statement.predicate_type.c_str(), signers.c_str(),
                 signer_subject.empty() ? "" : " certified as ", signer_subject.c_str());
    // Only the authenticated bytes: the payload whose signature was just checked.
    OutputOptions out;
    out.emit(bundle->envelope.payload + (bundle->envelope.payload.ends_with('\n') ? "" : "\n"));
}

} // namespace

void register_attest(CLI::App& app) {
    auto args = std::make_shared<AttestArgs>();
    auto* cmd =
        app.add_subcommand("attest", "sign an in-toto statement about files (DSSE envelope)");
    cmd->add_option("SUBJECT", args->subjects, "the files the statement is about")->required();
    cmd->add_option("--predicate", args->predicate,
                    "the predicate: an SBOM, VEX, report or provenance (JSON)")
        ->required();
    cmd->add_option(
           "--type", args->type,
           "spdx, spdx3, cyclonedx, openvex, vuln, slsa-provenance, link, or a predicate type URI")
        ->required();
    cmd->add_option("--key", args->keys,
                    "private key file or pkcs11: URI (repeat to sign with several)")
        ->required();
    cmd->add_option("--cert", args->cert,
                    "the key's certificate chain (PEM, leaf first), put in the bundle");
    cmd->add_flag("--bundle", args->bundle,
                  "write a Sigstore bundle (v0.3) instead of a bare envelope");
    cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    cmd->callback([args] { run_attest(*args); });

    auto v = std::make_shared<VerifyAttestationArgs>();
    auto* vc = app.add_subcommand(
        "verify-attestation",
        "verify a DSSE envelope or Sigstore bundle; print the verified statement");
    vc->add_option("ENVELOPE", v->envelope, "the envelope or bundle (JSON)")->required();
    vc->add_option("--key", v->keys, "trusted public key (repeat for several)");
    vc->add_option("--threshold", v->threshold, "distinct keys that must have signed (default 1)");
    vc->add_option("--subject", v->subjects, "a file that must be a subject (by SHA-256)");
    vc->add_option("--type", v->type, "the predicate type it must have (short name or URI)");
    vc->add_option("--cert", v->cert,
                   "the signer's certificate chain, when the envelope does not carry it");
    vc->add_option("--ca", v->ca,
                   "trusted root certificates (PEM): the signer must hold a code-signing "
                   "certificate that chains to one");
    vc->callback([v] { run_verify_attestation(*v); });
}

} // namespace kaiyuan::cli
