#include "core/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

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

// Reads both pipes until they close; false when one stream passed the limit.
bool Drain(Pipe& out_pipe, Pipe& err_pipe, ProcessResult& result, std::size_t limit) {
    std::array<pollfd, 2> fds = {pollfd{out_pipe.read, POLLIN, 0},
                                 pollfd{err_pipe.read, POLLIN, 0}};
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
        for (std::size_t i = 0; i < fds.size(); ++i) {
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

}  // namespace

Result<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                 const ProcessOptions& options) {
    if (argv.empty()) {
        return MakeError(Errc::kInvalidInput, "no program to run");
    }
    if (options.working_directory && access(options.working_directory->c_str(), X_OK) != 0) {
        return MakeError(Errc::kNotFound, "no such directory: " + *options.working_directory);
    }
    Pipe out_pipe;
    Pipe err_pipe;
    if (!out_pipe.Open() || !err_pipe.Open()) {
        return MakeError(Errc::kInternal,
                         std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe.write, 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe.write, 2);
    if (options.working_directory) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_directory->c_str());
    }
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return MakeError(spawned == ENOENT ? Errc::kNotFound : Errc::kInternal,
                         "cannot run " + argv[0] + ": " + std::strerror(spawned));
    }
    out_pipe.CloseWrite();
    err_pipe.CloseWrite();
    ProcessResult result;
    const bool within_limit = Drain(out_pipe, err_pipe, result, options.max_output_bytes);
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
