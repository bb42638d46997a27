#pragma once

// Keeping the clone and the code index of a connected repository current: scan_repository
// (queued when a repository is connected or a rescan is asked for) clones or fetches it,
// indexes the whole checkout and imports its history into the graph; reindex_push (a push to
// the default branch) fetches and re-indexes only the files the push changed. Both record
// their progress in the repository's scan status.
#include "app/review_job.hpp"
#include "queue/worker.hpp"

namespace nectr::app {

queue::JobHandler MakeScanRepositoryHandler(ReviewServices& services);
queue::JobHandler MakeReindexPushHandler(ReviewServices& services);

}  // namespace nectr::app
