// The mobile binding's tests, run on the JVM through the generated Kotlin and JNA (no JUnit:
// main() exits non-zero on any failure). Every shared vector family under tests/vectors is
// replayed with results identical to the files (and so to Rust); every exported function is
// called; every error kind is caught as its Kotlin exception from a real bad input.
// Usage: java ... org.shegong.test.MobileTestKt <repo root>
package org.shegong.test

import java.io.File
import kotlin.system.exitProcess
import org.shegong.*

var failures = 0
var checks = 0

/** The error kinds caught so far, by the exception class's simple name. */
val seenKinds = sortedSetOf<String>()

/** The vector files replayed so far, relative to tests/vectors. */
val replayed = sortedSetOf<String>()

fun eq(got: Any?, want: Any?, what: String) {
    checks++
    if (got != want) {
        failures++
        println("FAIL $what\n  got:  $got\n  want: $want")
    }
}

fun ok(cond: Boolean, what: String) = eq(cond, true, what)

@Suppress("UNCHECKED_CAST")
fun obj(v: Any?): Map<String, Any?> = v as Map<String, Any?>

@Suppress("UNCHECKED_CAST")
fun arr(v: Any?): List<Any?> = v as List<Any?>

fun str(v: Any?): String = v as String

/** A caught error as the vectors write it; records its kind. */
fun errorOutcome(e: ShegongException): Map<String, Any?> {
    seenKinds.add(e::class.simpleName!!)
    return mapOf("outcome" to "error", "code" to e.code(), "rule" to e.ruleId(), "message" to e.reason())
}

/** Runs `f`, which must throw the exception class `T`; records its kind; returns it. */
inline fun <reified T : ShegongException> throws(what: String, f: () -> Unit): T? {
    checks++
    try {
        f()
    } catch (e: ShegongException) {
        seenKinds.add(e::class.simpleName!!)
        if (e is T) return e
        failures++
        println("FAIL $what: threw ${e::class.simpleName} (${e.code()}: ${e.reason()}), want ${T::class.simpleName}")
        return null
    }
    failures++
    println("FAIL $what: nothing thrown, want ${T::class.simpleName}")
    return null
}

// ---- vectors, by kind ---------------------------------------------------------------------

fun calendarVectors(file: String, d: Map<String, Any?>) {
    val cal = Calendar.fromJson(Json.write(d["calendar"]))
    for (q in arr(d["queries"]).map(::obj)) {
        val got: Map<String, Any?> = try {
            when (q["op"]) {
                "is_workday" -> {
                    val day = cal.day(str(q["date"]))
                    eq(cal.isWorkday(str(q["date"])), day.working, "$file isWorkday agrees with day")
                    mapOf("outcome" to "ok", "value" to mapOf("working" to day.working, "provisional" to day.provisional))
                }
                "add_workdays" -> {
                    val c = cal.addWorkdaysChecked(str(q["date"]), q["n"] as Long)
                    eq(cal.addWorkdays(str(q["date"]), q["n"] as Long), c.value, "$file addWorkdays agrees")
                    mapOf("outcome" to "ok", "value" to c.value, "provisional" to c.provisional)
                }
                "workdays_between" -> {
                    val c = cal.workdaysBetweenChecked(str(q["from"]), str(q["to"]))
                    eq(cal.workdaysBetween(str(q["from"]), str(q["to"])), c.value, "$file workdaysBetween agrees")
                    mapOf("outcome" to "ok", "value" to c.value, "provisional" to c.provisional)
                }
                "workday_on_or_after" -> mapOf("outcome" to "ok", "value" to cal.workdayOnOrAfter(str(q["date"])))
                "workday_on_or_before" -> mapOf("outcome" to "ok", "value" to cal.workdayOnOrBefore(str(q["date"])))
                "workdays_in_year" -> mapOf("outcome" to "ok", "value" to cal.workdaysInYear((q["year"] as Long).toInt()))
                else -> { eq(q["op"], "a known op", "$file op"); continue }
            }
        } catch (e: ShegongException) {
            errorOutcome(e)
        }
        eq(got, q["expect"], "$file ${Json.write(q)}")
    }
}

fun caseSteps(file: String, d: Map<String, Any?>) {
    var c: Case? = null
    for ((i, step) in arr(d["steps"]).map(::obj).withIndex()) {
        val event = Json.write(step["event"])
        val before = c?.toJson()
        val got: Map<String, Any?> = try {
            val cur = c
            if (cur == null) {
                val started = Case.start(event)
                c = started
                mapOf("outcome" to "applied", "stage" to started.stage(), "warnings" to listOf<String>())
            } else {
                val a = cur.apply(event)
                eq(a.hash, cur.head(), "$file step $i: hash is the new head")
                mapOf("outcome" to "applied", "stage" to a.stage, "warnings" to a.warnings.map { it.rule })
            }
        } catch (e: ShegongException) {
            if (c != null) eq(c!!.toJson(), before, "$file step $i: a refused event changed the case")
            errorOutcome(e)
        }
        eq(got, step["expect"], "$file step $i")
    }
    val fin = obj(d["final"])
    val case = c!!
    eq(case.stage(), fin["stage"], "$file final stage")
    eq(case.length(), fin["history_len"], "$file final length")
    eq(case.head(), fin["head"], "$file final head")
    val missing = arr(obj(Json.parse(case.fileCheck()))["missing"]).map { obj(it)["form"] }
    eq(missing, fin["missing_forms"], "$file missing forms")
    eq(Case.fromJson(case.toJson()).head(), case.head(), "$file fromJson(toJson)")
    eq(Case.replay(case.history()).head(), case.head(), "$file replay")
    eq(Case.replayVerified(case.history(), case.head()).stage(), case.stage(), "$file replayVerified")
    ok(case.number().isNotEmpty(), "$file number")
    ok(obj(Json.parse(case.state())).isNotEmpty(), "$file state")
}

fun caseHistories(file: String, d: Map<String, Any?>) {
    for (h in arr(d["histories"]).map(::obj)) {
        val got = try {
            val c = Case.fromJson(Json.write(h["stored"]))
            mapOf("outcome" to "ok", "stage" to c.stage(), "head" to c.head())
        } catch (e: ShegongException) {
            errorOutcome(e)
        }
        eq(got, h["expect"], "$file ${h["name"]}")
    }
}

fun activitySteps(file: String, d: Map<String, Any?>) {
    var a: Activity? = null
    for ((i, step) in arr(d["steps"]).map(::obj).withIndex()) {
        val event = Json.write(step["event"])
        val before = a?.toJson()
        val got: Map<String, Any?> = try {
            val cur = a
            if (cur == null) {
                val started = Activity.start(event)
                a = started
                mapOf("outcome" to "applied", "group_stage" to started.groupStage())
            } else {
                val applied = cur.apply(event)
                eq(applied.stage, cur.groupStage(), "$file step $i: applied stage")
                mapOf("outcome" to "applied", "group_stage" to cur.groupStage())
            }
        } catch (e: ShegongException) {
            if (a != null) eq(a!!.toJson(), before, "$file step $i: a refused event changed it")
            errorOutcome(e)
        }
        eq(got, step["expect"], "$file step $i")
    }
    val fin = obj(d["final"])
    val act = a!!
    eq(act.groupStage(), fin["group_stage"], "$file final group stage")
    eq(act.length(), fin["history_len"], "$file final length")
    eq(act.head(), fin["head"], "$file final head")
    eq(Activity.fromJson(act.toJson()).head(), act.head(), "$file fromJson")
    eq(Activity.replay(act.history()).head(), act.head(), "$file replay")
    ok(act.sessionsHeld() >= 0, "$file sessionsHeld")
    act.normWarnings().forEach { ok(it.rule.isNotEmpty(), "$file norm warning rule") }
    ok(obj(Json.parse(act.planOf())).isNotEmpty(), "$file planOf")
    val ended = act.endedOn()
    ok(ended == null || Regex("""\d{4}-\d{2}-\d{2}""").matches(ended), "$file endedOn")
}

fun volunteerSteps(file: String, d: Map<String, Any?>) {
    var v: Volunteer? = null
    for ((i, step) in arr(d["steps"]).map(::obj).withIndex()) {
        val event = Json.write(step["event"])
        val before = v?.toJson()
        val got: Map<String, Any?> = try {
            val cur = v
            if (cur == null) {
                val started = Volunteer.start(event)
                v = started
                mapOf("outcome" to "applied", "stage" to started.stage())
            } else {
                val applied = cur.apply(event)
                eq(applied.warnings, listOf<Warning>(), "$file step $i: no warnings")
                mapOf("outcome" to "applied", "stage" to applied.stage)
            }
        } catch (e: ShegongException) {
            if (v != null) eq(v!!.toJson(), before, "$file step $i: a refused event changed it")
            errorOutcome(e)
        }
        eq(got, step["expect"], "$file step $i")
    }
    val fin = obj(d["final"])
    val vol = v!!
    eq(vol.stage(), fin["stage"], "$file final stage")
    eq(vol.length(), fin["history_len"], "$file final length")
    eq(vol.head(), fin["head"], "$file final head")
    eq(Volunteer.fromJson(vol.toJson()).head(), vol.head(), "$file fromJson")
    eq(Volunteer.replay(vol.history()).head(), vol.head(), "$file replay")
    ok(vol.id().isNotEmpty(), "$file id")
    ok(obj(Json.parse(vol.registration())).isNotEmpty(), "$file registration")
    ok(vol.kinds().isNotEmpty(), "$file kinds")
    ok(arr(Json.parse(vol.agreements())).isNotEmpty(), "$file agreements")
    vol.deployments()
    vol.dutyOfConfidentiality()
    Json.parse(vol.agreementInForceOn("2026-06-01"))
    eq(vol.viewer(vol.kinds()[0], "2026-06-01", null).id(), vol.id(), "$file viewer id")
}

/** A typed obligation written back as the core's JSON form, to compare with the vectors. */
fun obligationMap(o: Obligation): Map<String, Any?> {
    val m = LinkedHashMap<String, Any?>()
    m["rule"] = o.rule
    m["subject_kind"] = o.subjectKind
    m["subject"] = o.subject
    m["owed"] = o.owed
    m["owed_by"] = o.owedBy
    m["owner"] = o.owner
    m["counts_from"] = mapOf("seq" to o.countsFrom.seq, "event" to o.countsFrom.event, "date" to o.countsFrom.date, "at" to o.countsFrom.at)
    o.dueDate?.let { m["due_date"] = it }
    o.dueAt?.let { m["due_at"] = it }
    val s = LinkedHashMap<String, Any?>()
    when (val st = o.status) {
        is ObligationStatus.Pending -> s["status"] = "pending"
        is ObligationStatus.AtRisk -> { s["status"] = "at_risk"; s["working_days_left"] = st.workingDaysLeft; st.hoursLeft?.let { s["hours_left"] = it } }
        is ObligationStatus.Overdue -> { s["status"] = "overdue"; s["days"] = st.days; st.workingDays?.let { s["working_days"] = it }; st.hours?.let { s["hours"] = it } }
        is ObligationStatus.Met -> { s["status"] = "met"; s["on"] = st.on; s["at"] = st.at; s["on_time"] = st.onTime; st.workingDaysLate?.let { s["working_days_late"] = it } }
        is ObligationStatus.Released -> { s["status"] = "released"; s["on"] = st.on; s["by"] = st.by }
        is ObligationStatus.NotComputable -> { s["status"] = "not_computable"; s["reason"] = st.reason }
    }
    m["status"] = s
    m["provisional"] = o.provisional
    m["explanation"] = o.explanation
    return m
}

fun obligationVectors(file: String, d: Map<String, Any?>) {
    val rules = if (d["rule_set"] == "preset") RuleSet.preset() else RuleSet.fromJson(Json.write(d["rule_set"]))
    val cal = Calendar.fromJson(Json.write(d["calendar"]))
    val case = d["case"]?.let { Case.fromJson(Json.write(it)) }
    val activity = d["activity"]?.let { Activity.fromJson(Json.write(it)) }
    ok(case != null || activity != null, "$file has a case or an activity")
    for (ev in arr(d["evaluations"]).map(::obj)) {
        val now = str(ev["now"])
        val (json, typed) = if (case != null) {
            rules.obligationsJson(case, cal, now) to rules.obligations(case, cal, now)
        } else {
            rules.activityObligationsJson(activity!!, cal, now) to rules.activityObligations(activity, cal, now)
        }
        eq(Json.parse(json), ev["expect"], "$file @ $now (JSON)")
        eq(typed.map(::obligationMap), ev["expect"], "$file @ $now (records)")
    }
}

fun batchVectors(file: String, d: Map<String, Any?>) {
    val rules = if (d["rule_set"] == "preset") RuleSet.preset() else RuleSet.fromJson(Json.write(d["rule_set"]))
    val texts = arr(d["histories"]).map { str(obj(it)["json"]) }
    for (threads in listOf(1, 3)) {
        val got = evaluateHistories(texts, rules, Calendar.china(), str(d["now"]), threads)
        eq(Json.parse(got), d["expect"], "$file on $threads threads")
    }
}

fun recordVectors(file: String, d: Map<String, Any?>) {
    for (c in arr(d["cases"]).map(::obj)) {
        val got = try {
            mapOf("outcome" to "ok", "record" to Json.parse(validateRecord(Json.write(c["input"]))))
        } catch (e: ShegongException) {
            mapOf("outcome" to "error", "code" to errorOutcome(e)["code"])
        }
        eq(got, c["expect"], "$file ${c["name"]}")
    }
}

fun triageVectors(file: String, d: Map<String, Any?>) {
    eq(Json.parse(prioritise(Json.write(d["items"]), str(d["now"]))), d["expect"], file)
}

fun routingVectors(file: String, d: Map<String, Any?>) {
    for (c in arr(d["cases"]).map(::obj)) {
        val r = route(Json.write(c["input"]), str(d["on"]))
        eq(mapOf("tier" to r.tier, "reasons" to r.reasons), c["expect"], "$file ${c["name"]}")
    }
}

fun ageGroupVectors(file: String, d: Map<String, Any?>) {
    for (c in arr(d["cases"]).map(::obj)) {
        eq(ageGroups(str(c["date_of_birth"]), str(c["on"])), c["expect"], "$file ${Json.write(c)}")
    }
}

fun identityVectors(file: String, d: Map<String, Any?>) {
    for (c in arr(d["id_numbers"]).map(::obj)) {
        val got = try {
            val id = IdNumber.parse(str(c["input"]))
            mapOf("outcome" to "ok", "normalised" to id.expose(), "masked" to id.masked(), "birth_date" to id.birthDate(), "sex" to id.sex())
        } catch (e: ShegongException) {
            mapOf("outcome" to "error", "code" to errorOutcome(e)["code"])
        }
        eq(got, c["expect"], "$file id number")
    }
    for (c in arr(d["phones"]).map(::obj)) {
        val got = try {
            val p = Phone.parse(str(c["input"]))
            mapOf("outcome" to "ok", "digits" to p.digits(), "kind" to p.kind(), "masked" to p.masked())
        } catch (e: ShegongException) {
            mapOf("outcome" to "error", "code" to errorOutcome(e)["code"])
        }
        eq(got, c["expect"], "$file phone")
    }
    for (c in arr(d["nicknames"]).map(::obj)) {
        val got = try {
            val n = parseNickname(str(c["input"]))
            eq(parseNickname(nickname(n.role, n.name)), n, "$file nickname [nickname-convention] written and read back")
            mapOf("outcome" to "ok", "role" to n.role, "name" to n.name)
        } catch (e: ShegongException) {
            mapOf("outcome" to "error", "code" to errorOutcome(e)["code"])
        }
        eq(got, c["expect"], "$file nickname")
    }
}

/** The viewer a format-2 vector names: a staff viewer the platform asserts, or a volunteer
 *  read from the stored history of the same file. */
fun readViewer(spec: Map<String, Any?>, volunteers: Map<String, Any?>): Viewer {
    spec["staff"]?.let {
        val s = obj(it)
        return Viewer.staff(str(s["id"]), str(s["role"]), arr(s["groups"]).map(::str))
    }
    val v = Volunteer.fromJson(Json.write(volunteers[str(spec["volunteer"])]))
    return v.viewer(str(spec["acting_as"]), str(spec["on"]), spec["purpose"] as String?)
}

fun accessVectors(file: String, d: Map<String, Any?>) {
    eq(d["format"], 2L, "$file format")
    val volunteers = obj(d["volunteers"])
    var volunteerCases = 0
    for (c in arr(d["cases"]).map(::obj)) {
        val spec = obj(c["viewer"])
        if (spec["volunteer"] != null) volunteerCases++
        val got = Access(str(c["view"]), null).decide(readViewer(spec, volunteers), str(d["record_kind"]), str(c["field"]), Json.write(d["subject"]))
        eq(got.allowed, got.outcome == "allow", "$file allowed")
        eq(mapOf("outcome" to got.outcome, "rule" to got.rule), c["expect"], "$file ${Json.write(c)}")
    }
    ok(volunteerCases > 0, "$file has volunteer cases")
}

fun redactionVectors(file: String, d: Map<String, Any?>) {
    eq(d["format"], 2L, "$file format")
    val volunteers = obj(d["volunteers"])
    val access = Access(null, null)
    for (c in arr(d["cases"]).map(::obj)) {
        val viewer = readViewer(obj(c["viewer"]), volunteers)
        val record = Json.write(c["record"])
        val subject = Json.write(c["subject"])
        eq(Json.parse(access.redactJson(viewer, record, subject)), c["expect"], "$file ${Json.write(c["viewer"])} (JSON)")
        val r = access.redact(viewer, record, subject)
        val typed = mapOf("kind" to r.kind, "value" to Json.parse(r.valueJson), "removed" to r.removed, "masked" to r.masked)
        eq(typed, c["expect"], "$file ${Json.write(c["viewer"])} (record)")
    }
}

fun annualHoursVectors(file: String, d: Map<String, Any?>) {
    for (c in arr(d["formula"]).map(::obj)) {
        val annual = annualHours(Json.write(c["params"]))
        val got = mapOf("minutes" to obj(Json.parse(annual))["minutes"], "direct_70" to directShare(annual, null))
        eq(got, c["expect"], "$file formula ${Json.write(c["params"])}")
    }
    val china = Calendar.china()
    for (c in arr(d["calendar"]).map(::obj)) {
        val annual = annualHoursFromCalendar(china, (c["year"] as Long).toInt(), (c["paid_leave_days"] as Long).toInt(), (c["hours_per_day"] as Long).toInt())
        eq(mapOf("minutes" to obj(Json.parse(annual))["minutes"]), c["expect"], "$file calendar ${c["year"]}")
    }
}

fun planVectors(file: String, d: Map<String, Any?>) {
    for (c in arr(d["cases"]).map(::obj)) {
        eq(Json.parse(evaluatePlan(Json.write(c["plan"]))), c["expect"], "$file ${c["name"]}")
    }
}

fun supervisionVectors(file: String, d: Map<String, Any?>) {
    for (c in arr(d["cases"]).map(::obj)) {
        val got = checkSupervision(Json.write(c["record"])).map { mapOf("rule" to it.rule, "severity" to it.severity, "message" to it.message) }
        eq(got, c["expect"], "$file ${Json.write(c["record"])}")
    }
}

/** Every vector file, by its `kind`. A kind without a replay here fails the run. */
val families: Map<String, (String, Map<String, Any?>) -> Unit> = mapOf(
    "calendar" to ::calendarVectors,
    "case_steps" to ::caseSteps,
    "case_histories" to ::caseHistories,
    "activity_steps" to ::activitySteps,
    "volunteer_steps" to ::volunteerSteps,
    "obligations" to ::obligationVectors,
    "batch" to ::batchVectors,
    "records" to ::recordVectors,
    "triage" to ::triageVectors,
    "routing" to ::routingVectors,
    "age_groups" to ::ageGroupVectors,
    "identity" to ::identityVectors,
    "access_decisions" to ::accessVectors,
    "redactions" to ::redactionVectors,
    "annual_hours" to ::annualHoursVectors,
    "project_plans" to ::planVectors,
    "supervision" to ::supervisionVectors,
)

fun replayVectors(root: File) {
    val dir = File(root, "tests/vectors")
    val files = dir.walkTopDown().filter { it.isFile && it.name.endsWith(".json") }.sortedBy { it.path }.toList()
    ok(files.size >= 30, "vector files found under $dir")
    for (f in files) {
        val rel = f.relativeTo(dir).path
        val d = obj(Json.parse(f.readText()))
        val replay = families[d["kind"]]
        if (replay == null) {
            eq(d["kind"], "a kind this test replays", "$rel: vector family skipped")
            continue
        }
        try {
            val before = failures
            replay(rel, d)
            // Replayed to its end only if none of its checks failed.
            if (failures == before) replayed.add(rel)
        } catch (e: Throwable) {
            failures++
            println("FAIL $rel: ${e::class.simpleName}: ${e.message}")
        }
    }
    // Completeness: every file of every family was replayed to its end.
    eq(files.map { it.relativeTo(dir).path }.toSortedSet(), replayed, "every vector file replayed")
    val dirs = files.map { it.relativeTo(dir).path.substringBefore('/') }.toSortedSet()
    eq(dirs, replayed.map { it.substringBefore('/') }.toSortedSet(), "every vector family replayed")
    // For scripts/conformance, which compares every language's record with the files.
    File(root, "target/conformance/kotlin.txt").apply {
        parentFile.mkdirs()
        writeText(replayed.joinToString("") { "$it\n" })
    }
}

// ---- the rest of the surface ---------------------------------------------------------------

fun sampleEvent(root: File): Map<String, Any?> =
    obj(obj(arr(obj(Json.parse(File(root, "tests/vectors/case/happy-path.json").readText()))["steps"])[0])["event"])

fun surface(root: File) {
    // Module functions.
    ok(dataVersion().isNotEmpty(), "dataVersion")
    val defs = defaults()
    eq(defs.directSharePercent, 70L, "defaults direct share")
    eq(defs.defaultView, "one_to_one", "defaults view")
    eq(defs.defaultScope, "psychological_only", "defaults scope")
    ok(defs.maxDepth > 0 && defs.maxInputBytes > 0 && defs.maxStringBytes > 0 && defs.maxHistoryEvents > 0 && defs.maxBatchHistories > 0, "defaults limits")
    ok(defs.defaultPaidLeaveDays > 0 && defs.defaultHoursPerDay > 0 && defs.maskKeepStart > 0 && defs.maskKeepEnd > 0, "defaults numbers")
    eq(caseNumber("SZ", 2026, 7), "SZ-2026-0007", "caseNumber [case-numbering]")
    eq(nextCaseNumber("SZ", 2026, listOf("SZ-2026-0007", "SZ-2026-0003")), "SZ-2026-0008", "nextCaseNumber [case-numbering]")
    ok(eventTypes().contains("received"), "eventTypes")
    val ev = Json.write(sampleEvent(root))
    eq(Json.parse(parseEvent(ev)), Json.parse(ev), "parseEvent round trip")
    ok(recordKinds().contains("service_record"), "recordKinds")
    eq(formatMinutes(125), "2 h 5 min", "formatMinutes")
    ok(obj(Json.parse(annualHours(null)))["minutes"] as Long > 0, "annualHours standard")
    eq(directShare(annualHours(null), 50), (obj(Json.parse(annualHours(null)))["minutes"] as Long) / 2, "directShare 50%")
    ok(obj(Json.parse(annualHoursFromCalendar(Calendar.china(), 2025, null, null)))["minutes"] as Long > 0, "annualHoursFromCalendar defaults")
    eq(consultationCount(listOf(Case.start(ev)), "nobody", "anything"), 0L, "consultationCount [consult-max-3]")
    val kinds = errorKinds()
    ok(kinds.size >= 30, "errorKinds")
    ok(kinds.any { it.name == "OutOfRange" && it.code == "out_of_range" }, "errorKinds OutOfRange")

    // Calendar.
    val china = Calendar.china()
    eq(china.name(), "CN official", "calendar name")
    eq(china.dataVersion(), dataVersion(), "calendar dataVersion")
    eq(china.firstDate(), "2004-01-01", "calendar firstDate")
    ok(china.lastDate() >= china.officialLastDate(), "calendar lastDate")
    eq(china.allowsProvisional(), false, "calendar strict")
    ok(china.withProvisional(true).allowsProvisional(), "withProvisional")
    eq(china.isOfficial("2026-10-01"), true, "isOfficial")
    eq(china.isWorkday("2026-10-01"), false, "[calendar-workdays] National Day is off")
    eq(china.day("2026-10-01").kind, "holiday", "day kind")
    ok(obj(Json.parse(china.yearFacts(2026))).isNotEmpty(), "yearFacts")
    val agency = china.withAgencyDays("街道社工站", listOf(AgencyDay("2026-05-06", "全员培训日")), listOf(AgencyDay("2026-05-09", "周末值班")))
    eq(agency.isWorkday("2026-05-06"), false, "agency closure")
    eq(agency.isWorkday("2026-05-09"), true, "agency duty day")
    eq(Calendar.fromJson(agency.toJson()).toJson(), agency.toJson(), "calendar JSON round trip")

    // RuleSet.
    val preset = RuleSet.preset()
    ok(preset.name().isNotEmpty() && preset.version().isNotEmpty(), "rule set name, version")
    val rules = arr(Json.parse(preset.rules()))
    ok(rules.isNotEmpty(), "rules")
    val firstId = str(obj(rules[0])["id"])
    val shorter = preset.without(firstId)
    eq(arr(Json.parse(shorter.rules())).size, rules.size - 1, "without")
    eq(arr(Json.parse(shorter.withRule(Json.write(rules[0])).rules())).size, rules.size, "withRule")
    ok(RuleSet.fromJson(preset.toJson()).toJson() == preset.toJson(), "rule set JSON round trip")
    eq(preset.renamed("街道", "2").version(), "2", "renamed")
    preset.withOffset(firstId, """{"working_days": 3}""")

    // Access and viewers.
    val a = Access(null, null)
    eq(a.view(), "one_to_one", "access default view")
    eq(a.acquaintanceScope(), "psychological_only", "access default scope")
    val w = Viewer.staff("w-li", "worker", listOf("G-1"))
    eq(listOf(w.id(), w.role(), w.agreement()), listOf("w-li", "worker", "none"), "staff viewer")
    eq(w.groups(), listOf("G-1"), "staff groups")
    eq(w.acquaintances(), listOf<String>(), "staff acquaintances")
    eq(w.purpose(), null, "staff purpose")
    eq(w.on(), null, "staff on")
    eq(w.positionRegistered(), true, "staff position")
    eq(w.agreementCoversClients(), false, "staff agreement covers")
    val d = obj(Json.parse(File(root, "tests/vectors/volunteer/access-decisions.json").readText()))
    val medical = Volunteer.fromJson(Json.write(obj(d["volunteers"])["medical-in_force-deployed"]))
    val v = medical.viewer("medical", "2026-04-01", null)
    eq(v.purpose(), "service", "[access-while-serving] default purpose")
    eq(v.on(), "2026-04-01", "viewer on")
    eq(v.role(), "medical_volunteer", "[volunteer-kinds] viewer role")
    val decision = a.decide(v, "service_record", "concerns.medical", Json.write(d["subject"]))
    eq(decision.outcome to decision.rule, "allow" to "agreement-before-access", "[agreement-before-access] decision")
    eq(v.at(), null, "a day viewer has no moment")
    // [access-while-serving] for a moment: deployed on 2026-03-05 at 10:00, not at 09:59.
    val early = medical.viewerAt("medical", "2026-03-05T09:59:00+08:00", null)
    eq(early.at(), "2026-03-05T09:59:00+08:00", "viewerAt at")
    eq(early.groups(), listOf<String>(), "[access-while-serving] no deployment at 09:59")
    val earlyDecision = a.decide(early, "service_record", "concerns.medical", Json.write(d["subject"]))
    eq(earlyDecision.outcome to earlyDecision.rule, "deny" to "access-while-serving", "[access-while-serving] viewerAt before the deployment")
    eq(medical.deploymentsAt("2026-03-05T10:00:00+08:00"), listOf("G-focus"), "deploymentsAt")
    eq(obj(Json.parse(medical.agreementStatusAt("2026-04-01T09:00:00+08:00")))["status"], "in_force", "agreementStatusAt")
    eq(medical.agreementStatusAt("2026-03-01T09:00:00+08:00"), "null", "agreementStatusAt before any agreement")
    val later = a.decide(medical.viewerAt("medical", "2026-04-01T09:00:00+08:00", null), "service_record", "concerns.medical", Json.write(d["subject"]))
    eq(later.outcome, "allow", "[access-while-serving] viewerAt during the deployment")
    throws<ShegongException.InvalidInput>("viewerAt takes an instant, not a date") {
        medical.viewerAt("medical", "2026-04-01", null)
    }

    // Identity.
    val id = IdNumber.parse("11010519491231002X")
    eq(id.regionCode(), "110105", "regionCode")
    eq(id.maskedWith(3, 2).length, 18, "maskedWith")
    val p = Phone.mobile("13812341234")
    eq(p.kind(), "mobile", "Phone.mobile")
}

fun vector(root: File, path: String): Map<String, Any?> = obj(Json.parse(File(root, "tests/vectors/$path").readText()))

fun groupsAndRosters(root: File) {
    // [membership-approval] [resident-group-size] [nickname-convention]
    val g = ServiceGroup("R-3", "resident_group", "3栋居民群", listOf(GroupAdmin("grid-1", "grid_worker")))
    g.apply("p-1", nickname("owner", "3栋502"), "3栋502", "2026-03-01")
    ok(g.approve("p-1", "grid-1", "2026-03-02")[0].endsWith("[resident-group-size]"), "approve warns on size")
    g.apply("p-2", "3栋601-自住", "3栋601", "2026-03-01")
    g.reject("p-2", "grid-1")
    ok(g.sizeWarning() != null, "sizeWarning")
    eq(g.tier(), "resident_group", "tier")
    eq(obj(arr(obj(Json.parse(g.toJson()))["members"])[0])["joined_on"], "2026-03-02", "group JSON")
    throws<ShegongException.GroupRefused>("[group-tiers] a building head cannot run a key accompaniment group") {
        ServiceGroup("G", "key_accompaniment_group", "重点陪助群", listOf(GroupAdmin("a", "building_head")))
    }?.let { eq(it.ruleId(), "group-tiers", "GroupRefused carries the rule ID") }

    // [shift-handover]: a deployed general volunteer, secretary of their group's roster.
    val volunteers = obj(vector(root, "volunteer/access-decisions.json")["volunteers"])
    val v = Volunteer.fromJson(Json.write(volunteers["general-in_force-deployed"]))
    eq(v.deploymentsOn("2026-04-01"), listOf("G-focus"), "deploymentsOn")
    eq(v.acquaintances(), listOf<String>(), "acquaintances")
    eq(obj(Json.parse(v.agreementStatusOn("2026-04-01")))["status"], "in_force", "agreementStatusOn")
    val roster = Roster("G-focus", v.id())
    roster.addShift("s1", "2026-04-01T18:00:00+08:00", "2026-04-01T22:00:00+08:00", "general")
    roster.addShift("s2", "2026-04-02T18:00:00+08:00", "2026-04-02T22:00:00+08:00", "general")
    roster.claim("s1", v)
    roster.reschedule("s1", "s2", v, v)
    roster.claim("s1", v)
    // [access-while-serving] Who hands over is a record: a secretary named on the roster whose
    // agreement was terminated is refused.
    val ended = Volunteer.fromJson(Json.write(volunteers["general-terminated-deployed"]))
    val other = Roster("G-focus", ended.id())
    other.addShift("s1", "2026-04-01T18:00:00+08:00", "2026-04-01T22:00:00+08:00", "general")
    other.addShift("s2", "2026-04-02T18:00:00+08:00", "2026-04-02T22:00:00+08:00", "general")
    other.claim("s1", v)
    throws<ShegongException.RosterRefused>("[access-while-serving] handover by a secretary whose agreement ended") {
        other.handover("s1", listOf("c-1"), listOf(), "今日服务1人", ended, "2026-04-01T22:00:00+08:00")
    }
    val h = obj(Json.parse(roster.handover("s1", listOf("c-1"), listOf("SR-1"), "今日服务1人", v, "2026-04-01T22:00:00+08:00")))
    eq(h["to_shift"], "s2", "handover to the next shift")
    roster.verifyClaims(listOf(v))
    throws<ShegongException.RosterRefused>("[volunteer-hours] claims verified without the volunteer's record") {
        roster.verifyClaims(listOf())
    }
    val hours = roster.hoursWorked("2026-04-03T00:00:00+08:00")
    eq(Json.parse(totalHours(hours, "2026-04-01", "2026-04-30")), listOf(mapOf("volunteer_id" to v.id(), "minutes" to 480L, "sessions" to 2L)), "totalHours")
    eq(arr(obj(Json.parse(roster.toJson()))["shifts"]).size, 2, "roster JSON")
    throws<ShegongException.RosterRefused>("[shift-handover] a shift added twice") {
        roster.addShift("s1", "2026-04-01T18:00:00+08:00", "2026-04-01T22:00:00+08:00", "general")
    }
}

fun workloadAndRecords(root: File) {
    eq(arr(obj(Json.parse(referenceTable()))["items"]).size, 23, "referenceTable")
    val plan = standardPlan("项目", 1, """[{"item":"case_session","count":200}]""")
    val report = evaluatePlan(plan)
    eq(obj(Json.parse(report))["total_minutes"], 1600L * 60, "[reference-hours] a standard plan")
    val case = Case.fromJson(Json.write(vector(root, "deadline/happy-path-case.json")["case"]))
    val activity = Activity.fromJson(Json.write(vector(root, "deadline/group-activity.json")["activity"]))
    val actual = actualCounts(listOf(case), listOf(activity), "2026-01-01", "2026-12-31")
    ok(arr(Json.parse(actual)).isNotEmpty(), "actualCounts")
    ok(arr(Json.parse(compare(report, actual))).isNotEmpty(), "compare")
    val rec = """{"date":"2026-03-10","kind":"individual","supervisor":"王","supervisor_type":"local","years_of_practice":10,
        "supervisees":["w-1"],"minutes":150,"fee_per_hour_fen":26000"""
    val confirmed = "$rec,\"topic\":\"个案督导\",\"confirmed_by\":\"王\",\"confirmed_on\":\"2026-03-11\"}"
    val total = obj(Json.parse(totalSupervision("[$confirmed,$rec}]")))
    // Past the limits (150 min alone, 260 元/h): not counted even when confirmed [supervision-limits].
    eq(listOf(total["sessions"], total["minutes"]), listOf(0L, 0L), "[supervision-records] totalSupervision")
    val within = confirmed.replace("\"minutes\":150", "\"minutes\":120").replace("\"fee_per_hour_fen\":26000", "\"fee_per_hour_fen\":20000")
    eq(obj(Json.parse(totalSupervision("[$within,$rec}]")))["minutes"], 120L, "[supervision-limits] totalSupervision within")
    val budget = """[{"kind":"group","sessions":2,"minutes":120,"supervisees":5,"supervisor_type":"overseas","years_of_practice":3,"fee_per_hour_fen":30000}]"""
    eq(obj(Json.parse(checkBudget(budget)))["total_fen"], 120000L, "checkBudget")
    eq(Json.parse(feeCap("local", 4)), mapOf("cap" to "not_covered"), "[supervision-fee-caps] feeCap")
    eq(checkStaffing("""[{"id":"A","name":"A","urban":true,"staff":[]}]""")[0].rule, "staffing-minimum", "checkStaffing")
    throws<ShegongException.InvalidLine>("a plan line naming no item of the table") {
        evaluatePlan(standardPlan("p", 1, """[{"item":"teleportation","count":1}]"""))
    }

    ok(recordFields("household_profile").any { it.path == "religion" && it.sensitivity == listOf("religion") }, "recordFields")
    eq(obj(Json.parse(recordSchema("service_record")))["type"], "object", "recordSchema")
    eq(zhLabels()["Gender"]?.get("female"), "女", "zhLabels")
    val pol = obj(Json.parse(defaultRetention())).toMutableMap()
    eq(retainUntil(Json.write(pol), "service_record", "2026-01-01"), null, "retainUntil by default")
    pol["policies"] = listOf(mapOf("kind" to "service_record", "basis" to mapOf("basis" to "pipl_art19"), "period_months" to 12L))
    eq(retainUntil(Json.write(pol), "service_record", "2026-01-01"), "2027-01-01", "retainUntil 12 months")
    val past = arr(Json.parse(pastRetention(Json.write(pol), """[{"id":"r","kind":"service_record","date":"2020-01-01"}]""", "2026-01-01")))
    eq(obj(past[0])["id"], "r", "pastRetention")
}

// ---- every error kind, from real bad input -------------------------------------------------

/** Kinds no function of the mobile surface can raise: none. */
val unreachable = setOf<String>()

fun errors(root: File) {
    val china = Calendar.china()
    throws<ShegongException.InvalidInput>("a date that is not ISO") { china.isWorkday("2026/05/06") }?.let {
        eq(it.code(), "invalid_input", "InvalidInput code")
        ok(it.reason().contains("ISO date"), "InvalidInput reason names the expected form")
    }
    for (loose in listOf("2026-2-3", "+2026-02-03", "-2026-02-03", "2026-02-03 ")) {
        throws<ShegongException.InvalidInput>("a loose date ($loose) is not an ISO date") { china.isWorkday(loose) }
    }
    throws<ShegongException.InvalidInput>("a date that is not ISO inside a record") {
        china.withAgencyDays("A", listOf(AgencyDay("2026/05/06", "")), listOf())
    }
    throws<ShegongException.InvalidInput>("an instant without offset") { RuleSet.preset().obligations(Case.start(Json.write(sampleEvent(root))), china, "2026-05-06T09:00:00") }
    throws<ShegongException.InvalidInput>("a negative count") { IdNumber.parse("11010519491231002X").maskedWith(-1, 4) }
    throws<ShegongException.InvalidInput>("a negative thread count") { evaluateHistories(listOf(), RuleSet.preset(), china, "2026-05-06T09:00:00+08:00", -1) }
    throws<ShegongException.OutOfRange>("[calendar-provisional] a year outside the data") { china.isWorkday("2030-01-02") }?.let {
        eq(it.ruleId(), "calendar-provisional", "OutOfRange carries the rule ID")
        eq(it.ruleId, "calendar-provisional", "OutOfRange's field carries the rule ID")
    }
    throws<ShegongException.ResultOutOfRange>("[calendar-provisional] counting past the range") { china.addWorkdays("2004-01-02", -2) }
    throws<ShegongException.InvalidParameters>("more days off than days") {
        annualHours("""{"days_in_year":365,"weekend_days":400,"public_holidays":11,"paid_leave_days":5,"hours_per_day":8}""")
    }
    throws<ShegongException.InvalidMask>("a mask keeping too much") { IdNumber.parse("11010519491231002X").maskedWith(9, 9) }
    throws<ShegongException.InvalidIdNumber>("a bad check digit") { IdNumber.parse("110105194912310021") }
    throws<ShegongException.InvalidPhone>("a phone too short") { Phone.parse("1381234") }
    throws<ShegongException.InvalidNickname>("[nickname-convention] a nickname without a role") { parseNickname("张三") }
    throws<ShegongException.UnknownValue>("an unknown view") { Access("nowhere", null) }
    throws<ShegongException.UnknownValue>("an unknown role") { Viewer.staff("w-1", "boss", listOf()) }
    throws<ShegongException.Malformed>("[agreement-before-access] a staff viewer claiming a volunteer role") {
        Viewer.staff("v-1", "psychological_volunteer", listOf("G-focus"))
    }?.let { ok(it.reason().contains("agreement-before-access"), "Malformed names the rule") }
    throws<ShegongException.Malformed>("an event that is not JSON") { Case.start("{") }
    val unknownEvent = sampleEvent(root).toMutableMap()
    unknownEvent["event"] = mapOf("type" to "no_such_event")
    throws<ShegongException.UnknownEventKind>("an unknown event type") { parseEvent(Json.write(unknownEvent)) }
    throws<ShegongException.NotStarted>("replaying no events") { Case.replay("[]") }
    throws<ShegongException.UnsupportedFormat>("a calendar description from the future") {
        Calendar.fromJson("""{"format":99,"base":"cn-official","provisional":false}""")
    }
    throws<ShegongException.UnknownBase>("an unknown base calendar") { Calendar.fromJson("""{"format":1,"base":"mars","provisional":false}""") }
    throws<ShegongException.InvalidAgencyDay>("a day both closed and worked") {
        china.withAgencyDays("A", listOf(AgencyDay("2026-05-06", "")), listOf(AgencyDay("2026-05-06", "")))
    }
    throws<ShegongException.UnknownRule>("removing an unknown rule") { RuleSet.preset().without("no-such-rule") }
    val first = obj(arr(Json.parse(RuleSet.preset().rules()))[0])
    throws<ShegongException.InvalidRuleSet>("adding a rule twice") { RuleSet.preset().withRule(Json.write(first)) }
    throws<ShegongException.Overflow>("[case-numbering] the last serial") { nextCaseNumber("SZ", 2026, listOf("SZ-2026-4294967295")) }
    throws<ShegongException.InvalidInput>("a serial out of range") { caseNumber("SZ", 2026, -1) }
    // A number its field cannot hold, inside JSON: classified by the core, as in every binding.
    throws<ShegongException.ValueOutOfRange>("a negative offset") {
        RuleSet.preset().withOffset("consult-reply-5wd", """{"working_days":-1}""")
    }
    throws<ShegongException.LimitExceeded>("input nested too deep") { Case.replay("[".repeat(200) + "]".repeat(200)) }
    // The rest come from the vectors (Refused, ActivityRefused, VolunteerRefused, OutOfOrder,
    // Tampered, HeadMismatch, InvalidRecord) and from groupsAndRosters / workloadAndRecords
    // (GroupRefused, RosterRefused, InvalidLine). Every kind must have been seen by now.
    val all = errorKinds().map { it.name }.toSortedSet()
    eq(all - seenKinds - unreachable, setOf<String>(), "every error kind caught as its exception")
}

/**
 * The shared malformed-input table (tests/malformed/table.json, generated and replayed by
 * core/tests/malformed_table.rs; Python and JS replay it too): every row gives the error kind
 * Rust gives, as a ShegongException with that code; every valid base is accepted; the case an
 * event is applied to is unchanged after a refusal.
 */
fun malformedTable(root: File) {
    val doc = obj(Json.parse(File(root, "tests/malformed/table.json").readText()))
    val base = Json.write(doc["base_case"])
    fun text(input: Any?): String = when (input) {
        is String -> input
        else -> {
            val r = arr(obj(input)["repeat"])
            str(r[0]) + str(r[1]).repeat((r[2] as Number).toInt()) + str(r[3])
        }
    }
    fun call(entry: String, s: String) {
        when (entry) {
            "case_from_json" -> Case.fromJson(s).close()
            "activity_from_json" -> Activity.fromJson(s).close()
            "volunteer_from_json" -> Volunteer.fromJson(s).close()
            "rule_set_from_json" -> RuleSet.fromJson(s).close()
            "calendar_from_json" -> Calendar.fromJson(s).close()
            "parse_event" -> parseEvent(s)
            "validate_record" -> validateRecord(s)
            "id_number" -> IdNumber.parse(s).close()
            "phone" -> Phone.parse(s).close()
            "case_apply" -> Case.fromJson(base).use { c ->
                val before = c.toJson()
                try {
                    c.apply(s)
                } catch (e: ShegongException) {
                    eq(c.toJson(), before, "a refused event changed the case")
                    throw e
                }
            }
            else -> throw IllegalStateException("unknown entry $entry")
        }
    }
    var bad = 0
    val before = failures
    for (row in arr(doc["rows"]).map { obj(it) }) {
        val label = "malformed table ${row["entry"]}: ${row["name"]}"
        val got = try {
            call(str(row["entry"]), text(row["input"]))
            "ok"
        } catch (e: ShegongException) {
            seenKinds.add(e::class.simpleName!!)
            e.code()
        }
        eq(got, row["expect"], label)
        if (row["expect"] != "ok") bad++
    }
    ok(bad >= 150, "the malformed table has at least 150 bad inputs ($bad)")
    if (failures == before) {
        File(root, "target/conformance/kotlin-malformed.txt").writeText("malformed/table.json\n")
    }
}

/**
 * The Kotlin-only malformed inputs, beside the shared table: values that exist only on the
 * JVM side (signed extremes where core counts are unsigned, strings Java can hold but UTF-8
 * cannot, NUL characters, huge strings). Each row names the exception it must give; after
 * every row the case passed in is unchanged and the library still answers.
 */
fun kotlinOnlyTable(root: File) {
    val china = Calendar.china()
    val id = IdNumber.parse("11010519491231002X")
    val case = Case.start(Json.write(sampleEvent(root)))
    val before = case.toJson()
    val lone = "2026-05-0\uD800"
    val rows = listOf<Triple<String, String, () -> Any?>>(
        Triple("Long.MAX_VALUE working days", "result_out_of_range") { china.addWorkdays("2026-05-06", Long.MAX_VALUE) },
        Triple("Long.MIN_VALUE working days", "result_out_of_range") { china.addWorkdays("2026-05-06", Long.MIN_VALUE) },
        Triple("a mask of Long.MAX_VALUE", "invalid_mask") { id.maskedWith(Long.MAX_VALUE, Long.MAX_VALUE) },
        Triple("a mask of Long.MIN_VALUE", "invalid_input") { id.maskedWith(Long.MIN_VALUE, 0) },
        Triple("a serial of Long.MAX_VALUE", "invalid_input") { caseNumber("SZ", 2026, Long.MAX_VALUE) },
        Triple("a year of Int.MIN_VALUE", "invalid_input") { caseNumber("SZ", Int.MIN_VALUE, 1) },
        Triple("a year of Int.MAX_VALUE", "invalid_input") { caseNumber("SZ", Int.MAX_VALUE, 1) },
        Triple("Int.MIN_VALUE threads", "invalid_input") { evaluateHistories(listOf(), RuleSet.preset(), china, "2026-05-06T09:00:00+08:00", Int.MIN_VALUE) },
        Triple("a year of Int.MAX_VALUE for annual hours", "out_of_range") { annualHoursFromCalendar(china, Int.MAX_VALUE, null, null) },
        Triple("Int.MIN_VALUE paid leave days", "invalid_input") { annualHoursFromCalendar(china, 2026, Int.MIN_VALUE, null) },
        Triple("a NUL inside a date", "invalid_input") { china.isWorkday("2026-05-06\u0000") },
        Triple("a NUL inside an ID number", "invalid_id_number") { IdNumber.parse("110105194912310\u000002X") },
        Triple("a NUL inside an event", "malformed") { case.apply("{\u0000}") },
        Triple("a 10-million-character event", "limit_exceeded") { case.apply("\"" + "x".repeat(10_000_000) + "\"") },
        Triple("an empty event", "malformed") { case.apply("") },
        Triple("a byte-order mark before an event", "malformed") { case.apply("\uFEFF" + Json.write(sampleEvent(root))) },
        // A lone surrogate is valid in a Java string and not in UTF-8: the string lowering
        // refuses it before anything crosses the FFI, as the typed Malformed (it was java.nio's
        // MalformedInputException; bindings-mobile/tools/typed-strings.py).
        Triple("a lone surrogate in a date", "malformed") { china.isWorkday(lone) },
        Triple("a lone surrogate in an event", "malformed") { case.apply("{\"a\":\"\uDC00\"}") },
        Triple("a lone high surrogate at the end of an ID number", "malformed") { IdNumber.parse("11010519491231002\uD800") },
        Triple("a lone surrogate in a volunteer's JSON", "malformed") { Volunteer.fromJson("{\"id\":\"\uDFFF\"}") },
    )
    for ((name, want, call) in rows) {
        checks++
        val got = try {
            call()
            "nothing thrown"
        } catch (e: ShegongException) {
            seenKinds.add(e::class.simpleName!!)
            val msg = e.reason()
            if (msg.contains("11010519491231002X") || msg.contains("19491231")) {
                failures++
                println("FAIL kotlin-only $name: the message repeats the ID number: $msg")
            }
            e.code()
        } catch (e: Exception) {
            e::class.qualifiedName
        }
        if (got != want) {
            failures++
            println("FAIL kotlin-only $name: got $got, want $want")
        }
        eq(case.toJson(), before, "kotlin-only $name: the case is unchanged")
    }
    // Long.MIN_VALUE minutes is a shortfall, formatted with one sign (it was "-… h -8 min").
    eq(formatMinutes(Long.MIN_VALUE), "-153722867280912930 h 8 min", "formatMinutes(Long.MIN_VALUE)")
    eq(china.addWorkdays("2026-09-29", 5), "2026-10-12", "the calendar still answers after the Kotlin-only table")
    ok(rows.size >= 15, "the Kotlin-only table has ${rows.size} rows")
    println("Kotlin-only malformed table: ${rows.size} rows")
}

fun main(args: Array<String>) {
    val root = File(args.getOrElse(0) { "." }).absoluteFile
    for ((name, part) in listOf<Pair<String, (File) -> Unit>>(
        "vectors" to ::replayVectors, "surface" to ::surface, "groups and rosters" to ::groupsAndRosters,
        "workload and records" to ::workloadAndRecords, "errors" to ::errors,
        "malformed table" to ::malformedTable, "Kotlin-only table" to ::kotlinOnlyTable,
    )) {
        try {
            part(root)
        } catch (e: Throwable) {
            failures++
            println("FAIL $name: ${e::class.qualifiedName}: ${e.message}")
            e.printStackTrace()
        }
    }
    println("mobile tests: $checks checks, $failures failures; ${replayed.size} vector files replayed; error kinds seen: ${seenKinds.size}")
    if (failures > 0) exitProcess(1)
}
