/// `kaiyuan serve`, `kaiyuan apikey` and `kaiyuan team`: the service and its keys.
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/key_options.hpp"
#include "kaiyuan/cli/store_options.hpp"
#include "kaiyuan/server/server.hpp"
#include "kaiyuan/server/signing_service.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/text_table.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/updater.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

namespace kaiyuan::cli {

namespace {

std::pair<std::string, int> parse_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos)
        throw CommandError{"--listen '" + listen + "': expected HOST:PORT"};
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    int port = -1;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535)
        throw CommandError{"--listen '" + listen + "': the port is not a number 0-65535"};
    return {host.empty() ? "0.0.0.0" : host, port};
}

} // namespace

void register_serve(CLI::App& app) {
    struct Args {
        std::string listen = "127.0.0.1:8080";
        std::string database;
        server::ServerOptions options;
        std::size_t max_body_mib = 64;
        std::string license_policy;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "serve", "run the service: SBOM store, REST API (also Dependency-Track's upload API)");
    cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0: any free port)")
        ->default_val("127.0.0.1:8080");
    add_database_option(*cmd, args->database);
    cmd->add_option("--workers", args->options.workers, "upload jobs processed at once")
        ->default_val(2);
    cmd->add_option("--http-threads", args->options.http_threads,
                    "connections served at once (a keep-alive connection holds its thread)")
        ->default_val(std::max(32u, 8 * std::thread::hardware_concurrency()));
    cmd->add_option("--max-body", args->max_body_mib,
                    "largest request body in MiB, after decompression")
        ->default_val(64);
    cmd->add_option("--tls-cert", args->options.tls_cert,
                    "serve HTTPS with this PEM certificate (chain)");
    cmd->add_option("--tls-key", args->options.tls_key, "the PEM private key of --tls-cert");
    cmd->add_option("--read-timeout", args->options.read_timeout_seconds,
                    "seconds a client may stall while sending a request")
        ->default_val(30);
    cmd->add_option("--job-lease", args->options.job_lease_seconds,
                    "seconds before a job whose worker died (a killed server) is taken over")
        ->default_val(60)
        ->check(CLI::Range(1, 86400));
    cmd->add_option("--advisory-update-interval", args->options.advisory_update_seconds,
                    "run `db update` into the store at start and every this many seconds "
                    "(0: never; changed advisories are re-matched at once)")
        ->default_val(0)
        ->check(CLI::Range(0, 365 * 86400));
    cmd->add_option("--osv-base", args->options.osv_base,
                    "where the updates download OSV's exports from (default: OSV's bucket)");
    cmd->add_option("--advisory-ecosystem", args->options.advisory_ecosystems,
                    "OSV ecosystems to update (default: those in the store, else a standard set)")
        ->delimiter(',');
    cmd->add_option("--license-policy", args->license_policy,
                    "a license policy file (as `kaiyuan license --policy` reads) that uploads "
                    "are judged by from now on; stored, so every server on the store uses it");
    cmd->add_flag("--webhook-allow-internal", args->options.webhook_allow_internal,
                  "deliver webhooks to loopback, link-local and private addresses too (refused by "
                  "default: a key with triage could otherwise reach the server's own network)");
    cmd->add_option("--upstream-poll-interval", args->options.upstream_poll_seconds,
                    "seconds between looks for watched upstreams that are due (default 30)");
    cmd->add_option("--upstream-registry", args->options.upstream_registries,
                    "KIND=URL: watched upstreams of this registry are asked here (a mirror)");
    cmd->add_option("--upstream-git-config", args->options.upstream_git_config,
                    "url.<base>.insteadOf rules for watched git upstreams from this file");
    cmd->add_option("--upstream-cache", args->options.upstream_cache_dir,
                    "keep registry answers here and ask again with their ETag");
    cmd->add_flag("--upstream-any-address", args->options.upstream_any_address,
                  "let watches name any address (git, hg, ftp, sourceforge and regex kinds); by "
                  "default only the forges' and registries' own are taken, so that a key cannot "
                  "make the server read its own network");
    cmd->add_option("--signing-key", args->options.signing_keys,
                    "NAME=KEY: a key the signing service signs with (a PEM file, its passphrase "
                    "from KAIYUAN_KEY_PASSPHRASE, or a pkcs11: URI); repeatable");
    cmd->add_option("--signing-key-team", args->options.signing_key_teams,
                    "NAME=TEAM: a team whose members and keys (with the sign permission) may use "
                    "key NAME; repeatable; a key without one is for administrators only");
    cmd->add_flag("-q,--quiet", args->options.quiet, "no messages on stderr but errors");
    cmd->callback([args] {
        // Keys are opened (and their passphrases or PINs asked) before the server starts.
        auto signing = server::SigningService::open(
            args->options.signing_keys, args->options.signing_key_teams, terminal_prompt());
        if (!signing) throw CommandError{signing.error().message};
        args->options.signing = *signing;
        if (!args->license_policy.empty()) {
            read_policy_option(args->license_policy); // fails with where it is wrong
            auto text = util::read_file(args->license_policy, 1 << 20);
            if (!text) throw CommandError{text.error().message};
            args->options.license_policy = *text;
        }
        auto [host, port] = parse_listen(args->listen);
        args->options.host = host;
        args->options.port = port;
        args->options.database = resolve_database(args->database);
        args->options.max_body_bytes = args->max_body_mib << 20;
        if (args->options.osv_base.empty()) args->options.osv_base = vuln::k_osv_export_base;
        args->options.download_dir =
            std::filesystem::path(vuln::default_database_path()).parent_path().string() +
            "/store-downloads";
        auto done = server::serve(args->options);
        if (!done) throw CommandError{done.error().message};
    });
}

void register_apikey(CLI::App& app) {
    auto* cmd = app.add_subcommand("apikey", "create, list and revoke the server's API keys");
    cmd->require_subcommand(1);

    struct CreateArgs {
        std::string database, team, comment;
        std::vector<std::string> permissions;
    };
    auto create = std::make_shared<CreateArgs>();
    auto* c = cmd->add_subcommand("create",
                                  "make a key for a team (created if new); prints the key, once");
    add_database_option(*c, create->database);
    c->add_option("--team", create->team, "the team the key acts for")->required();
    c->add_option("--permission", create->permissions,
                  "read, upload, triage, admin or sign (repeatable)")
        ->required()
        ->check(CLI::IsMember({"read", "upload", "triage", "admin", "sign"}));
    c->add_option("--comment", create->comment, "what the key is for");
    c->callback([create] {
        std::vector<store::Permission> ps;
        for (const auto& p : create->permissions)
            ps.push_back(*store::parse_permission(p));
        auto s = open_store(create->database);
        auto made = s->create_key(create->team, ps, create->comment);
        if (!made) throw CommandError{store::message_of(made.error())};
        std::cout << made->key << "\n";
    });

    struct ListArgs {
        std::string database;
        OutputOptions out;
    };
    auto list = std::make_shared<ListArgs>();
    auto* l = cmd->add_subcommand("list", "the keys (never their secrets)");
    add_database_option(*l, list->database);
    list->out.add_to(*l, true);
    l->callback([list] {
        auto s = open_store(list->database);
        auto keys = s->list_keys();
        if (!keys) throw CommandError{keys.error().message};
        if (list->out.resolve_format() == format::Format::table) {
            util::TextTable t;
            t.headers = {"ID", "TEAM", "PERMISSIONS", "CREATED", "REVOKED", "LAST USED", "COMMENT"};
            for (const auto& k : *keys) {
                std::string perms;
                for (const auto& p : k.permissions)
                    perms += (perms.empty() ? "" : ",") + p;
                t.rows.push_back(
                    {k.id, k.team, perms, k.created_at, k.revoked_at, k.last_used_at, k.comment});
            }
            list->out.emit(util::render(t, util::terminal_width()));
            return;
        }
        nlohmann::json items = nlohmann::json::array();
        for (const auto& k : *keys)
            items.push_back({{"id", k.id},
                             {"team", k.team},
                             {"permissions", k.permissions},
                             {"comment", k.comment},
                             {"createdAt", k.created_at},
                             {"revokedAt", k.revoked_at},
                             {"lastUsedAt", k.last_used_at}});
        list->out.emit(items.dump(2) + "\n");
    });

    struct RevokeArgs {
        std::string database, id;
    };
    auto revoke = std::make_shared<RevokeArgs>();
    auto* r =
        cmd->add_subcommand("revoke", "revoke a key by its id (kaiyuan apikey list shows them)");
    add_database_option(*r, revoke->database);
    r->add_option("ID", revoke->id, "the key's id")->required();
    r->callback([revoke] {
        auto s = open_store(revoke->database);
        auto done = s->revoke_key(revoke->id);
        if (!done) throw CommandError{store::message_of(done.error())};
    });
}

void register_team(CLI::App& app) {
    auto* cmd = app.add_subcommand("team", "grant teams access to projects");
    cmd->require_subcommand(1);
    struct GrantArgs {
        std::string database, team, project, tag;
    };
    auto grant = std::make_shared<GrantArgs>();
    auto* g = cmd->add_subcommand("grant", "let a team see a project, or every project with a tag");
    add_database_option(*g, grant->database);
    g->add_option("TEAM", grant->team, "the team")->required();
    auto* p = g->add_option("--project", grant->project, "a project's UUID");
    auto* t = g->add_option("--tag", grant->tag, "a tag: the team sees every project that has it");
    p->excludes(t);
    g->callback([grant] {
        if (grant->project.empty() && grant->tag.empty())
            throw CommandError{"give --project UUID or --tag TAG"};
        auto s = open_store(grant->database);
        auto done = grant->project.empty() ? s->grant_tag(grant->team, grant->tag)
                                           : s->grant_project(grant->team, grant->project);
        if (!done) throw CommandError{store::message_of(done.error())};
    });
}

} // namespace kaiyuan::cli
