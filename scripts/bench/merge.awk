# SPDX-License-Identifier: GPL-2.0
#
# suite.sh's merge of dmactl's CSV outputs into one file.  Operands: the
# suite's own metadata ("# key: value" lines), then the outputs, named
# N-SWEEP.csv (several for one SWEEP run more than once: its metadata is
# that of the last).  -v contract= the leading columns the header must have;
# -v column= the name of a column that gets each row's SWEEP, or nothing.
#
# Prints the suite's metadata; each output's metadata, once as "# key:"
# when every output says the same (not at all if the suite states that
# key itself), else as "# SWEEP.key:"; the header (with the added
# column); every row (with its SWEEP).  Exit status 1 if a header breaks
# the contract or differs between outputs, or none produced one (the
# contract's header is printed then).

FNR == 1 {
	nfile++
	sweep = FILENAME
	sub(/.*\/[0-9]+-/, "", sweep)
	sub(/\.csv$/, "", sweep)
	if (nfile > 1 && !(sweep in named))
		sweeps[++nsw] = sweep
	named[sweep] = 1
	hdr = 0
}

# "# key: value": sets K and VAL
function meta_line(    n)
{
	if (!match($0, /^# [A-Za-z0-9_.-]+: /))
		return 0
	n = RLENGTH
	K = substr($0, 3, n - 4)
	VAL = substr($0, n + 1)
	return 1
}

nfile == 1 {
	print
	if (meta_line())
		own[K] = VAL
	next
}

meta_line() {
	if (!(K in seen)) {
		seen[K] = 1
		keys[++nkeys] = K
	}
	val[sweep, K] = VAL
	if (!(K in first))
		first[K] = VAL
	else if (first[K] != VAL)
		differs[K] = 1
	count[K]++
	next
}

/^#/ || /^[ \t]*$/ {
	next
}

!hdr {
	hdr = 1
	if (header == "") {
		header = $0
		if (index($0 ",", contract ",") != 1) {
			printf "suite.sh: %s: its header is not the dmactl CSV contract's:\n  %s\n",
				sweep, $0 > "/dev/stderr"
			bad = 1
		}
	} else if ($0 != header) {
		printf "suite.sh: %s: its header differs from the first one's\n",
			sweep > "/dev/stderr"
		bad = 1
	}
	next
}

{
	rows[++nrows] = $0 (column == "" ? "" : "," sweep)
}

END {
	for (j = 1; j <= nkeys; j++) {
		k = keys[j]
		if (count[k] == nfile - 1 && !(k in differs)) {
			if (!(k in own))
				printf "# %s: %s\n", k, first[k]
			common[k] = 1
		}
	}
	for (s = 1; s <= nsw; s++)
		for (j = 1; j <= nkeys; j++)
			if (!(keys[j] in common) && (sweeps[s], keys[j]) in val)
				printf "# %s.%s: %s\n", sweeps[s], keys[j], val[sweeps[s], keys[j]]
	# with no sweep to say otherwise, the contract's columns keep the
	# file readable
	if (header == "") {
		print "suite.sh: no CSV header in the output of dmactl" > "/dev/stderr"
		header = contract
		bad = 1
	}
	print header (column == "" ? "" : "," column)
	for (r = 1; r <= nrows; r++)
		print rows[r]
	exit bad
}
