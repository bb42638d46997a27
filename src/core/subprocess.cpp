#include "core/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string_view>

extern char** environ;

namespace nectr::core {

namespace {

struct Pipe {
    int read = -1;
    int write = -1;
    ~Pipe() {
        CloseRead();
        CloseWrite();
    }
    bool Open() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) {
            return false;
        }
        read = fds[0];
        write = fds[1];
        return true;
    }
    void CloseRead() {
        if (read >= 0) {
            close(read);
            read = -1;
        }
    }
    void CloseWrite() {
        if (write >= 0) {
            close(write);
            write = -1;
        }
    }
};

int WaitForExit(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

// Writes as much of `input` to the non-blocking `fd` as the pipe takes now. SIGPIPE is blocked
// on this thread meanwhile, so that a child that closed its input early costs an EPIPE, not the
// process; a SIGPIPE left pending by that write is consumed before the mask is restored.
// Returns false once the input is done (all written, or the child stopped reading).
bool FeedInput(int fd, std::string_view& input) {
    sigset_t pipe_signal;
    sigset_t previous;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
    bool more = true;
    const ssize_t wrote = ::write(fd, input.data(), input.size());
    if (wrote > 0) {
        input.remove_prefix(static_cast<std::size_t>(wrote));
        more = !input.empty();
    } else if (wrote < 0 && errno != EAGAIN && errno != EINTR) {
        more = false;  // EPIPE: the child is gone or closed its input
        if (errno == EPIPE) {
            const timespec no_wait{0, 0};
            sigtimedwait(&pipe_signal, nullptr, &no_wait);
        }
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return more;
}

// Reads both pipes until they close, feeding `in_pipe` meanwhile (a child may need its output
// read before it takes more input); false when one stream passed the limit.
bool Drain(Pipe& in_pipe, std::string_view input, Pipe& out_pipe, Pipe& err_pipe,
           ProcessResult& result, std::size_t limit) {
    std::array<pollfd, 3> fds = {pollfd{out_pipe.read, POLLIN, 0}, pollfd{err_pipe.read, POLLIN, 0},
                                 pollfd{in_pipe.write, POLLOUT, 0}};
    if (in_pipe.write >= 0 && input.empty()) {
        in_pipe.CloseWrite();
        fds[2].fd = -1;
    }
    std::array<std::string*, 2> sinks = {&result.out, &result.err};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return true;
        }
        if (fds[2].fd >= 0 && fds[2].revents != 0 && !FeedInput(fds[2].fd, input)) {
            in_pipe.CloseWrite();  // end of input for the child
            fds[2].fd = -1;
        }
        for (std::size_t i = 0; i < sinks.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) {
                continue;
            }
            const ssize_t got = ::read(fds[i].fd, buffer, sizeof(buffer));
            if (got <= 0) {
                fds[i].fd = -1;
                --open;
                continue;
            }
            sinks[i]->append(buffer, static_cast<std::size_t>(got));
            if (sinks[i]->size() > limit) {
                return false;
            }
        }
    }
    return true;
}

// This process's environment with `extra` set on top, as NAME=value strings.
std::vector<std::string> ChildEnvironment(
    const std::vector<std::pair<std::string, std::string>>& extra) {
    std::vector<std::string> entries;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const std::string_view name = text.substr(0, text.find('='));
        bool replaced = false;
        for (const auto& [key, value] : extra) {
            replaced = replaced || key == name;
        }
        if (!replaced) {
            entries.emplace_back(text);
        }
    }
    for (const auto& [key, value] : extra) {
        entries.push_back(key + "=" + value);
    }
    return entries;
}

}  // namespace

Result<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                 const ProcessOptions& options) {
    if (argv.empty()) {
        return MakeError(Errc::kInvalidInput, "no program to run");
    }
    if (options.working_directory && access(options.working_directory->c_str(), X_OK) != 0) {
        return MakeError(Errc::kNotFound, "no such directory: " + *options.working_directory);
    }
    Pipe in_pipe;
    Pipe out_pipe;
    Pipe err_pipe;
    if ((options.input && !in_pipe.Open()) || !out_pipe.Open() || !err_pipe.Open()) {
        return MakeError(Errc::kInternal,
                         std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (options.input) {
        posix_spawn_file_actions_adddup2(&actions, in_pipe.read, 0);
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&actions, out_pipe.write, 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe.write, 2);
    if (options.working_directory) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_directory->c_str());
    }
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    std::vector<std::string> env_entries;
    std::vector<char*> env_pointers;
    char** child_env = environ;
    if (!options.environment.empty()) {
        env_entries = ChildEnvironment(options.environment);
        for (auto& entry : env_entries) {
            env_pointers.push_back(entry.data());
        }
        env_pointers.push_back(nullptr);
        child_env = env_pointers.data();
    }
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), child_env);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return MakeError(spawned == ENOENT ? Errc::kNotFound : Errc::kInternal,
                         "cannot run " + argv[0] + ": " + std::strerror(spawned));
    }
    in_pipe.CloseRead();
    out_pipe.CloseWrite();
    err_pipe.CloseWrite();
    if (in_pipe.write >= 0) {
        fcntl(in_pipe.write, F_SETFL, fcntl(in_pipe.write, F_GETFL) | O_NONBLOCK);
    }
    ProcessResult result;
    const std::string_view input = options.input ? std::string_view(*options.input) : "";
    const bool within_limit =
        Drain(in_pipe, input, out_pipe, err_pipe, result, options.max_output_bytes);
    if (!within_limit) {
        kill(pid, SIGKILL);
    }
    result.exit_code = WaitForExit(pid);
    if (!within_limit) {
        return MakeError(Errc::kTooLarge, argv[0] + " printed more than " +
                                              std::to_string(options.max_output_bytes) + " bytes");
    }
    return result;
}

}  // namespace nectr::core
