-- Whether a stop was asked for job $1.
SELECT cancel_requested FROM jobs WHERE id = $1
