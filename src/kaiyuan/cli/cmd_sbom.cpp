#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/push_client.hpp"
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/validate.hpp"
#include "kaiyuan/model/merge.hpp"
#include "kaiyuan/util/files.hpp"

#include <cstdio>
#include <iostream>

namespace kaiyuan::cli {

namespace {

model::Sbom read_sbom(const std::string& path, bool quiet) {
    auto text = util::read_file(path);
    if (!text) throw CommandError{text.error().message};
    auto sbom = format::read(*text, path);
    if (!sbom) throw CommandError{sbom.error().message};
    report_diagnostics(sbom->diagnostics, quiet);
    return std::move(*sbom);
}

/// One warning naming what the target format cannot hold (nothing is dropped silently).
void report_losses(const model::Sbom& sbom, format::Format fmt, bool quiet) {
    auto lost = format::losses(sbom, fmt);
    if (quiet || lost.empty() || fmt == format::Format::table) return;
    std::string list;
    for (const auto& l : lost)
        list += (list.empty() ? "" : "; ") + l;
    std::fprintf(stderr, "kaiyuan: warning: %s cannot hold: %s\n",
                 std::string(format::name_of(fmt)).c_str(), list.c_str());
}

struct ConvertArgs {
    std::string input;
    OutputOptions out;
};

struct ValidateArgs {
    std::vector<std::string> inputs;
    bool quiet = false;
};

struct MergeArgs {
    std::vector<std::string> inputs;
    std::string name;
    OutputOptions out;
};

} // namespace

void register_sbom(CLI::App& app) {
    auto* sbom = app.add_subcommand("sbom", "convert, validate, merge, diff and push SBOMs");
    sbom->require_subcommand(1);

    auto conv = std::make_shared<ConvertArgs>();
    auto* c = sbom->add_subcommand("convert",
                                   "read an SBOM in any supported format and write it in another");
    c->add_option("IN", conv->input, "SBOM file")->required()->check(CLI::ExistingFile);
    conv->out.add_to(*c);
    c->callback([conv] {
        auto fmt = conv->out.resolve_format();
        auto s = read_sbom(conv->input, conv->out.quiet);
        report_losses(s, fmt, conv->out.quiet);
        conv->out.emit(format::write(s, fmt));
    });

    auto val = std::make_shared<ValidateArgs>();
    auto* v = sbom->add_subcommand("validate", "check that SBOMs are well-formed and consistent");
    v->add_option("IN", val->inputs, "SBOM files")->required()->check(CLI::ExistingFile);
    v->add_flag("-q,--quiet", val->quiet, "print nothing; the exit code tells");
    v->callback([val] {
        bool all_ok = true;
        for (const auto& path : val->inputs) {
            auto text = util::read_file(path);
            if (!text) throw CommandError{text.error().message};
            auto report = format::validate(*text);
            all_ok &= report.problems.empty();
            if (val->quiet) continue;
            if (report.format == "cyclonedx-json" && !report.schema_checked)
                std::fprintf(stderr,
                             "kaiyuan: note: %s: not checked against the CycloneDX %s JSON schema "
                             "(this build has none; tools/install-deps.sh installs them)\n",
                             path.c_str(), report.version.c_str());
            if (report.problems.empty()) {
                std::cout << path << ": valid " << report.format << " (" << report.components
                          << " components, " << report.relationships << " relationships)\n";
            } else {
                for (const auto& p : report.problems)
                    std::cout << path << ": " << p << "\n";
            }
        }
        if (!all_ok) throw CommandError{"invalid SBOM", k_usage};
    });

    auto merge = std::make_shared<MergeArgs>();
    auto* mg = sbom->add_subcommand(
        "merge", "merge SBOMs into one (the same package from several documents, by purl without "
                 "regard to qualifiers that only one gives, becomes one component)");
    mg->add_option("IN", merge->inputs, "SBOM files")
        ->required()
        ->expected(1, -1)
        ->check(CLI::ExistingFile);
    mg->add_option("--name", merge->name, "name of the merged document");
    merge->out.add_to(*mg);
    mg->callback([merge] {
        auto fmt = merge->out.resolve_format();
        std::vector<model::Sbom> parts;
        for (const auto& path : merge->inputs)
            parts.push_back(read_sbom(path, merge->out.quiet));
        model::Sbom all = model::merge(std::move(parts));
        all.metadata.name = merge->name.empty() ? "merged" : merge->name;
        all.metadata.target = all.metadata.name;
        all.metadata.target_kind = "sbom";
        all.metadata.created = format::now_rfc3339();
        all.metadata.tool_version = format::k_tool_version;
        report_losses(all, fmt, merge->out.quiet);
        merge->out.emit(format::write(all, fmt));
    });

    struct PushArgs {
        std::vector<std::string> files;
        PushOptions push;
    };
    auto push = std::make_shared<PushArgs>();
    auto* ps = sbom->add_subcommand(
        "push", "upload SBOMs to a kaiyuan server (any format kaiyuan reads); prints "
                "one job token per file");
    ps->add_option("FILE", push->files, "SBOM files")
        ->required()
        ->expected(1, -1)
        ->check(CLI::ExistingFile);
    push->push.add_to(*ps, "--server", true);
    ps->callback([push] {
        for (const auto& path : push->files) {
            auto bytes = util::read_file(path);
            if (!bytes) throw CommandError{bytes.error().message};
            auto token = push_sbom(push->push, *bytes, path);
            if (!token) throw CommandError{token.error().message};
            if (push->push.wait)
                if (auto done = wait_for_job(push->push, *token); !done)
                    throw CommandError{path + ": " + done.error().message};
            std::cout << *token << "\n";
        }
    });

    register_sbom_diff(*sbom);
}

} // namespace kaiyuan::cli
