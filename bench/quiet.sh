# Sourced by the benchmark runners: waits for a quiet machine before measuring.
# wait_until_quiet: returns once the 1-minute load average is below 1, or after QUIET_WAIT_MIN
# minutes (default 0) with a warning that the figures are not from a quiet machine.
wait_until_quiet() {
    local deadline=$((SECONDS + ${QUIET_WAIT_MIN:-0} * 60)) load1
    while :; do
        load1=$(cut -d' ' -f1 /proc/loadavg)
        if awk -v l="$load1" 'BEGIN { exit !(l < 1) }'; then
            return
        fi
        if ((SECONDS >= deadline)); then
            echo "run.sh: warning: load average $load1 >= 1; figures are from a busy machine" >&2
            return
        fi
        sleep 30
    done
}
