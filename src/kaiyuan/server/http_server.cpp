/// The adapter from cpp-httplib to the router: one catch-all handler per method turns the
/// library's request into a server::Request (reading bodies with a limit counted after
/// decompression, so a gzip bomb stops at the limit), and the Response back.
#include "kaiyuan/jobs/scheduler.hpp"
#include "kaiyuan/jobs/upstream_monitor.hpp"
#include "kaiyuan/jobs/webhook_delivery.hpp"
#include "kaiyuan/jobs/worker.hpp"
#include "kaiyuan/server/router.hpp"
#include "kaiyuan/server/server.hpp"
#include "kaiyuan/server/web_ui.hpp"
#include "kaiyuan/store/store.hpp"

#include <httplib.h>
#include <malloc.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

namespace kaiyuan::server {

namespace {

void log_line(const std::string& line) {
    std::fprintf(stderr, "kaiyuan serve: %s\n", line.c_str());
}

Request to_request(const httplib::Request& h) {
    Request r;
    r.method = h.method;
    r.path = h.path;
    for (const auto& [k, v] : h.params)
        r.query.emplace(k, v);
    for (const auto& [k, v] : h.headers)
        if (k != "REMOTE_ADDR" && k != "REMOTE_PORT" && k != "LOCAL_ADDR" && k != "LOCAL_PORT")
            r.headers.emplace(k, v);
    r.remote = h.remote_addr;
    return r;
}

void to_response(Response r, httplib::Response& h) {
    add_security_headers(r);
    h.status = r.status;
    for (const auto& [k, v] : r.headers)
        h.headers.emplace(k, v);
    if (!r.body.empty() || !r.content_type.empty())
        h.set_content(r.body, r.content_type.empty() ? "text/plain" : r.content_type);
}

void too_large(httplib::Response& h, std::size_t limit) {
    to_response(problem(413, "the request body is larger than this server's limit of " +
                                 std::to_string(limit) +
                                 " bytes (after decompression); see serve --max-body"),
                h);
    h.set_header("Connection", "close");
}

} // namespace

Result<void> serve(const ServerOptions& o) {
    // The signals are taken by one thread with sigwait; every other thread blocks them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    // Request threads parse uploads of many megabytes; with one glibc arena per thread each
    // keeps its own peak. Four arenas bound that without serialising allocation.
    ::mallopt(M_ARENA_MAX, 4);

    auto store = store::Store::open(o.database);
    if (!store) return unexpected(store.error());
    store::Store& st = **store;
    if (o.license_policy)
        if (auto r = st.set_license_policy(*o.license_policy); !r) return unexpected(r.error());

    std::unique_ptr<httplib::Server> http;
    if (!o.tls_cert.empty() || !o.tls_key.empty()) {
        if (o.tls_cert.empty() || o.tls_key.empty())
            return fail("HTTPS needs both --tls-cert and --tls-key");
        auto tls = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
        if (!tls->is_valid())
            return fail("cannot use the certificate " + o.tls_cert + " and key " + o.tls_key);
        http = std::move(tls);
    } else {
        http = std::make_unique<httplib::Server>();
    }
    std::size_t threads = std::max<std::size_t>(1, o.http_threads);
    http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http->set_read_timeout(o.read_timeout_seconds, 0);
    http->set_write_timeout(o.write_timeout_seconds, 0);
    http->set_keep_alive_timeout(o.keep_alive_seconds);
    http->set_payload_max_length(o.max_body_bytes);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle and the client's
    // delayed ACK hold every keep-alive response for 40 ms.
    http->set_tcp_nodelay(true);

    jobs::Workers workers(st, o.workers, log_line, std::int64_t(o.job_lease_seconds) * 1000);
    jobs::ScheduleOptions schedule;
    schedule.advisory_update_seconds = o.advisory_update_seconds;
    schedule.osv_base = o.osv_base;
    schedule.ecosystems = o.advisory_ecosystems;
    schedule.download_dir = o.download_dir;
    jobs::Scheduler scheduler(st, schedule, log_line, [&workers] { workers.notify(); });
    jobs::WebhookDelivery delivery(st, log_line, std::int64_t(o.job_lease_seconds) * 1000,
                                   o.webhook_allow_internal);
    jobs::UpstreamMonitorOptions watching{o.upstream_poll_seconds, o.upstream_registries,
                                          o.upstream_git_config, o.upstream_cache_dir};
    auto monitor = jobs::UpstreamMonitor::start(st, watching, log_line);
    if (!monitor) return unexpected(monitor.error());

    // A declared length above the limit is refused before a byte of the body is read.
    http->set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
        if (req.has_header("Content-Length")) {
            auto length =
                std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
            if (length > o.max_body_bytes) {
                too_large(res, o.max_body_bytes);
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http->set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            log_line("internal error on " + req.method + " " + req.path + ": " + what);
            to_response(problem(500, "internal error: " + what), res);
        });

    auto run = [&](Request& r, httplib::Response& res) {
        Response out = dispatch(r, st, &workers, o);
        if (out.status >= 500)
            log_line(r.method + " " + r.path + ": " + std::to_string(out.status) + " " + out.body);
        to_response(std::move(out), res);
    };
    auto without_body = [&](const httplib::Request& req, httplib::Response& res) {
        Request r = to_request(req);
        run(r, res);
    };
    auto with_body = [&](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
        Request r = to_request(req);
        std::size_t total = 0;
        bool over = false;
        auto count = [&](std::size_t n) {
            total += n;
            if (total > o.max_body_bytes) over = true;
            return !over;
        };
        bool ok;
        if (req.is_multipart_form_data()) {
            std::string field;
            ok = reader(
                [&](const httplib::MultipartFormData& part) {
                    field = part.name;
                    r.form[field];
                    return true;
                },
                [&](const char* data, std::size_t n) {
                    if (!count(n)) return false;
                    r.form[field].append(data, n);
                    return true;
                });
        } else {
            ok = reader([&](const char* data, std::size_t n) {
                if (!count(n)) return false;
                r.body.append(data, n);
                return true;
            });
        }
        if (over) return too_large(res, o.max_body_bytes);
        if (!ok) {
            to_response(problem(400, "the request body could not be read (truncated, or a broken "
                                     "Content-Encoding or multipart body)"),
                        res);
            res.set_header("Connection", "close");
            return;
        }
        run(r, res);
    };
    http->Get(".*", without_body);
    http->Delete(".*", without_body);
    http->Post(".*", with_body);
    http->Put(".*", with_body);
    http->Patch(".*", with_body);

    int port = o.port == 0 ? http->bind_to_any_port(o.host)
                           : (http->bind_to_port(o.host, o.port) ? o.port : -1);
    if (port < 0)
        return fail("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                    " (in use, or not an address here)");
    if (!o.quiet) {
        log_line(std::string("listening on ") + (o.tls_cert.empty() ? "http" : "https") + "://" +
                 o.host + ":" + std::to_string(port) + " with the store " +
                 store::redact_url(st.url()));
        if (auto any = st.has_keys(); any && !*any)
            log_line("no API key exists yet; make the first with:\n  kaiyuan apikey create "
                     "--database '" +
                     store::redact_url(st.url()) + "' --team admins --permission admin");
    }
    std::fflush(stderr);

    std::atomic<bool> signalled{false}, stopped_by_us{false};
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (!stopped_by_us) {
            signalled = true;
            if (!o.quiet) log_line("stopping: finishing requests and jobs in hand");
            http->stop();
        }
    });
    http->listen_after_bind();
    // listen returned: either a signal stopped it, or it failed; wake the stopper in the latter.
    if (!signalled) {
        stopped_by_us = true;
        pthread_kill(stopper.native_handle(), SIGTERM);
    }
    stopper.join();
    scheduler.stop();
    (*monitor)->stop();
    delivery.stop();
    workers.stop();
    if (!o.quiet) log_line("stopped");
    return {};
}

} // namespace kaiyuan::server
