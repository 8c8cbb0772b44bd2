// kaiyuan expression EXPR...: validate, normalise and simplify SPDX license expressions, and
// check them against a license policy (docs/cli.md).
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/util/strings.hpp"

#include <optional>

namespace kaiyuan::cli {

namespace {

struct ExpressionArgs {
    std::vector<std::string> expressions;
    std::string policy, license_data;
    bool json = false, lenient = false;
};

void run_expression(const ExpressionArgs& args) {
    use_license_data(args.license_data, false);
    std::optional<license::Policy> policy = read_policy_option(args.policy);
    std::string out;
    format::JsonOut j(out);
    if (args.json) j.begin_array();
    bool invalid = false, refused = false;
    for (const auto& text : args.expressions) {
        auto e = model::LicenseExpression::parse(text, !args.lenient);
        if (!e) {
            invalid = true;
            if (args.json)
                j.begin_object()
                    .field("input", text)
                    .field("error", e.error().message)
                    .end_object();
            else
                out += "error: " + e.error().message + "\n";
            continue;
        }
        auto simple = e->simplified();
        std::optional<license::PolicyVerdict> verdict;
        if (policy) {
            verdict = license::evaluate(*policy, simple);
            refused = refused || !verdict->accepted;
        }
        if (args.json) {
            j.begin_object()
                .field("input", text)
                .field("normalized", e->to_string())
                .field("simplified", simple.to_string());
            j.key("licenses").begin_array();
            for (const auto& id : simple.license_ids())
                j.value(id);
            j.end_array();
            if (verdict) {
                j.field("accepted", verdict->accepted).key("reasons").begin_array();
                for (const auto& r : verdict->reasons)
                    j.value(r);
                j.end_array();
            }
            j.end_object();
        } else {
            out += simple.to_string();
            if (verdict)
                out += verdict->accepted ? "\taccepted"
                                         : "\tnot accepted: " + util::join(verdict->reasons, "; ");
            out += "\n";
        }
    }
    if (args.json) {
        j.end_array();
        out += "\n";
    }
    OutputOptions{}.emit(out);
    if (invalid) throw CommandError{"an expression is not valid SPDX", k_usage};
    if (refused) throw CommandError{"an expression is not accepted by " + args.policy, k_policy};
}

} // namespace

void register_expression(CLI::App& app) {
    auto args = std::make_shared<ExpressionArgs>();
    auto* cmd = app.add_subcommand(
        "expression", "validate, normalise and simplify SPDX license expressions; with "
                      "--policy, say whether each is accepted");
    cmd->add_option("EXPRESSION", args->expressions, "SPDX license expressions")->required();
    cmd->add_option("--policy", args->policy, "policy file: exit 1 when one is not accepted");
    cmd->add_flag("--lenient", args->lenient, "accept license ids not on the SPDX list");
    cmd->add_flag("--json", args->json, "JSON: input, normalized, simplified, licenses, verdict");
    add_license_data_option(*cmd, args->license_data);
    cmd->callback([args] { run_expression(*args); });
}

} // namespace kaiyuan::cli
