// The shjzz calculator page: a form built from the applicant JSON Schema, the result as the
// library explains it, the plan as a chart, and the catalogues. It talks only to its own
// server (/api/v1/...) and keeps nothing: import and export are local files.
"use strict";

const TEXT = {
  zh: {
    title: "上海市居住证积分计算器", tab_calc: "计算", tab_cat: "哪些证书可以积分",
    privacy: "只在本机计算：您的信息只发送给本页面所在的服务器，不保存、不记录，也从不需要手机号。",
    facts: "申请人信息", facts_help: "只填写事实，不填分数。没有的项目留空即可。",
    import: "导入文件", export: "导出文件", evaluation: "计算条件", on: "计算日期",
    policy: "政策版本", policy_auto: "当日有效的版本", calculate: "计算积分", result: "结果",
    total: "总分", indicator: "指标", points: "分值", counted: "计入", reason: "理由",
    basis: "依据", certainty: "确定性", plan: "何时达到 120 分",
    levers: "可以加分的途径（按效果排序）", catalogue: "目录", search: "搜索", show: "显示",
    footer: "只说明是否达到居住证积分 120 分标准，与落户（户籍）无关。每一项都注明依据和确定性；正式申请前请以官方文件为准。",
    add: "添加", remove: "删除", yes: "是", no: "否", unset: "（未填）", dflt: "默认",
    meets: "达到 120 分标准", fails: "未达到 120 分标准", not_eligible: "当日不符合申请条件",
    vetoed: "一票否决", version: "政策版本", amendments: "已生效的修订", none: "无",
    counted_yes: "计入", counted_no: "不计入", reading: "解读",
    met_on: "按现有情况继续，{date} 首次达到 {target} 分。",
    not_met: "按现有情况继续，到 {until} 仍达不到 {target} 分。",
    met_now: "{date} 已达到 {target} 分。",
    lever: "{change}：{effective} 起多 {gain} 分", lever_met: "，{date} 达到 {target} 分",
    no_levers: "没有找到能加分的单项变化。", readings: "采用的解读",
    choose_readings: "解读（政策文字留有选择之处）",
    depends: "结论取决于解读 {ids}：{what}", depends_one: "若取 {choice}，总分 {total}，{verdict} {standard} 分",
    other: "若取 {choice}，总分 {total}", robust: "所有解读下结论相同。",
    meets_short: "达到", fails_short: "未达到",
    errors: "请修改以下内容：", network: "无法连接服务器",
    entries: "{n} 项 · {edition} · 生效 {effective} · 政策版本 {policy} · {completeness}",
    name: "名称", other_names: "其他名称", code: "代码 / 等级 / 系列", earns: "分值",
    conditions: "条件", level: "级", per_year: "每年 {n} 分", each: "{n} 分",
    chart_total: "总分", chart_target: "目标",
    skills: "技能等级（职业资格）", titles: "职称", qualifications: "专业技术人员职业资格",
    majors: "紧缺急需专业", areas: "重点区域",
  },
  en: {
    title: "Shanghai residence-permit points calculator", tab_calc: "Calculate",
    tab_cat: "Which certificates count", privacy: "Your facts go only to the server of this page, which keeps and logs nothing. No phone number, ever.",
    facts: "The applicant", facts_help: "Enter facts, never points. Leave out what does not apply.",
    import: "Import file", export: "Export file", evaluation: "Evaluation", on: "Date",
    policy: "Policy version", policy_auto: "The version in force on the date",
    calculate: "Calculate", result: "Result", total: "Total", indicator: "Indicator",
    points: "Points", counted: "Counted", reason: "Reason", basis: "Basis",
    certainty: "Certainty", plan: "When 120 is first met",
    levers: "Changes that bring it closer (most useful first)", catalogue: "Catalogue",
    search: "Search", show: "Show",
    footer: "Says only whether the 120-point residence-permit standard is met: nothing about hukou. Every line gives its basis and certainty; check the official documents before applying.",
    add: "Add", remove: "Remove", yes: "yes", no: "no", unset: "(not given)", dflt: "default",
    meets: "meets the 120-point standard", fails: "does not meet the 120-point standard",
    not_eligible: "not eligible to apply on this date", vetoed: "vetoed",
    version: "Policy version", amendments: "Amendments in force", none: "none",
    counted_yes: "yes", counted_no: "no", reading: "reading",
    met_on: "With today's facts continuing, {target} is first met on {date}.",
    not_met: "With today's facts continuing, {target} is not met by {until}.",
    met_now: "{target} is met on {date}.",
    lever: "{change}: +{gain} from {effective}", lever_met: ", {target} met on {date}",
    no_levers: "No single change found that gains points.", readings: "Readings applied",
    choose_readings: "Readings (where the published text leaves a choice)",
    depends: "The verdict depends on {ids}: {what}",
    depends_one: "under {choice} it is {total} and {verdict} {standard}",
    other: "under {choice} the total is {total}",
    robust: "The verdict holds under every reading.",
    meets_short: "meets", fails_short: "does not meet", errors: "Please correct:",
    network: "Cannot reach the server",
    entries: "{n} entries · {edition} · effective {effective} · policy {policy} · {completeness}",
    name: "Name", other_names: "Other names", code: "Code / grade / series", earns: "Points",
    conditions: "Conditions", level: "level", per_year: "{n} a year", each: "{n} points",
    chart_total: "total", chart_target: "target",
    skills: "Skill levels", titles: "Professional titles", qualifications: "Qualifications",
    majors: "Shortage majors", areas: "Remote key areas",
  },
};

// Field labels by "Definition.field" or "field", [zh, en]; hints likewise.
const LABELS = {
  birth_date: ["出生日期", "Date of birth"], education: ["学历", "Education"],
  "Education.level": ["学历层次", "Level"], degree: ["有学士学位", "Holds a degree (学士学位)"],
  full_time: ["全日制", "Full-time"], recognized: ["国家承认", "Recognised"],
  graduated_on: ["毕业日期", "Graduated on"], major: ["专业", "Major"],
  "Major.name": ["专业名称", "Name"], "Major.code": ["专业代码", "Code"],
  shortage_major: ["紧缺急需专业", "Shortage major"],
  matches_post: ["与岗位相符", "Matches the post"], certificates: ["证书与职称", "Certificates and titles"],
  kind: ["类别", "Kind"], "Certificate.name": ["名称", "Name"],
  "Certificate.level": ["技能等级（1 = 一级/高级技师）", "Skill level (1 = highest)"],
  grade: ["职称等级", "Title grade"], obtained_on: ["取得日期", "Obtained on"],
  in_shanghai: ["在沪工作期间取得", "Obtained while working in Shanghai"],
  by_exam: ["全国统一考试取得", "By national examination"],
  verified_in_shanghai: ["已在上海核定", "Verified in Shanghai"],
  registered: ["已注册", "Registered"], social_insurance: ["社会保险缴费", "Social insurance"],
  from: ["起（年-月）", "From (month)"], to: ["止（年-月，空 = 至今）", "To (month, empty = ongoing)"],
  base: ["月缴费基数（元）", "Monthly contribution base (CNY)"],
  back_paid: ["补缴", "Back-paid"], employer_matches_contract: ["缴费单位与劳动合同一致", "Employer matches the contract"],
  tax_matches: ["个税与基数相符", "Income tax matches the base"],
  remote_area: ["在重点区域工作并居住", "Working and living in a remote key area"],
  area: ["区域", "Area"], public_service: ["公共服务领域", "Public service"],
  field: ["领域", "Field"], spouse: ["配偶", "Spouse"],
  shanghai_hukou: ["配偶为上海户籍", "Spouse has Shanghai hukou"], married_on: ["结婚日期", "Married on"],
  investment: ["投资纳税", "Investment"], annual_tax: ["近三年纳税额（元，从早到晚）", "Tax of the last three years (oldest first)"],
  hukou_employees: ["近三年聘用本市户籍人数", "Shanghai-hukou staff, last three years"],
  entrepreneur: ["创业", "Entrepreneur"], share_percent: ["持股比例（%）", "Share (%)"],
  incubated_months: ["在孵化器连续月数", "Months in an incubator"],
  in_incubator: ["仍在孵化器", "Still in the incubator"],
  tech_transfer_months: ["在技术转移机构连续月数", "Months at a technology-transfer agency"],
  awards: ["奖项", "Awards"], "Award.level": ["级别", "Level"], "Award.name": ["名称", "Name"],
  awarded_on: ["获奖日期", "Awarded on"], "Award.in_shanghai": ["在沪工作期间获得", "Won while working in Shanghai"],
  records: ["不良记录", "Records"], "Record.kind": ["类别", "Kind"], "Record.on": ["日期", "Date"],
};

const VALUES = {
  junior_college: ["大专/高职", "junior college"], bachelor: ["本科", "bachelor"],
  master: ["硕士", "master"], doctor: ["博士", "doctor"], skill: ["技能等级", "skill"],
  title: ["职称", "title"], qualification: ["职业资格", "qualification"],
  intermediate: ["中级", "intermediate"], senior: ["高级", "senior"],
  deputy_senior: ["副高级", "deputy senior"],
  municipal_special: ["市级专项奖", "municipal special"],
  municipal_comprehensive: ["市级综合奖", "municipal comprehensive"],
  national: ["省部级及以上", "national"], false_material: ["提供虚假材料", "false material"],
  detention: ["行政拘留", "detention"], crime: ["一般刑事犯罪", "crime"],
  serious_crime: ["严重刑事犯罪", "serious crime"], family_planning: ["违反计划生育", "family planning"],
};

// Reading titles in Chinese; English uses the library's own title.
const READING_TITLES = {
  "R-3": "社保缴费年限按累计计算",
  "R-4": "缴费基数档次为累计门槛",
  "R-6": "1倍基数条件与专业技术类职业资格",
};

const CERTAINTY = {
  official: ["官方", "official"], corroborated: ["多方印证", "corroborated"],
  reported: ["转述", "reported"], inferred: ["推断", "inferred"],
};

let lang = "zh";
let schema = null;
let form = null;
let lastResult = null;
let lastPlan = null;
let readingList = [];
const chosenReadings = {};

const $ = (sel) => document.querySelector(sel);
const t = (key, args = {}) =>
  TEXT[lang][key].replace(/\{(\w+)\}/g, (_, k) => String(args[k]));
const pick = (pair) => (pair ? pair[lang === "zh" ? 0 : 1] : undefined);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- the form, from the JSON Schema ------------------------------------------------------

function resolve(node) {
  let nullable = false;
  let def = null;
  if (node.anyOf) {
    const options = node.anyOf.filter((o) => o.type !== "null");
    nullable = options.length < node.anyOf.length;
    node = { ...node, ...options[0] };
    delete node.anyOf;
  }
  if (node.$ref) {
    def = node.$ref.split("/").pop();
    node = schema.$defs[def];
  }
  return { node, nullable, def };
}

function label(def, key) {
  return pick(LABELS[`${def}.${key}`] || LABELS[key]) || key;
}

function build(raw, path, def, key) {
  const { node, def: inner } = resolve(raw);
  if (node.type === "object") return buildObject(node, path, inner);
  if (node.type === "array") return buildArray(node, path, def, key);
  return buildScalar(node, path, def, key);
}

function buildObject(node, path, def) {
  const box = el("div", { class: "object" });
  const children = [];
  for (const [key, sub] of Object.entries(node.properties)) {
    if (key === "schema") continue;
    const childPath = path ? `${path}.${key}` : key;
    const child = build(sub, childPath, def, key);
    const { node: inner } = resolve(sub);
    if (inner.type === "object" || inner.type === "array") {
      box.append(el("fieldset", { "data-section": childPath }, el("legend", {}, label(def, key)), child.el));
    } else {
      box.append(child.el);
    }
    children.push([key, child]);
  }
  return {
    el: box,
    get() {
      const out = {};
      for (const [key, child] of children) {
        const value = child.get();
        if (value !== undefined) out[key] = value;
      }
      return Object.keys(out).length ? out : undefined;
    },
    set(value) {
      for (const [key, child] of children) child.set(value ? value[key] : undefined);
    },
  };
}

function buildArray(node, path, def, key) {
  const box = el("div", { class: "array" });
  const list = el("div");
  const items = [];
  const add = el("button", { type: "button", "data-add": path }, `+ ${t("add")}`);
  const renumber = () => {
    items.forEach((item, i) => {
      item.el.querySelectorAll("[data-path]").forEach((input) => {
        input.dataset.path = input.dataset.path.replace(
          new RegExp(`^${path.replace(/[[\].]/g, "\\$&")}\\[\\d+\\]`), `${path}[${i}]`);
      });
    });
  };
  const push = () => {
    const index = items.length;
    const child = build(node.items, `${path}[${index}]`, def, key);
    const remove = el("button", { type: "button", "data-remove": `${path}[${index}]` }, t("remove"));
    const wrap = el("div", { class: "item" }, child.el, remove);
    const item = { el: wrap, child };
    remove.addEventListener("click", () => {
      items.splice(items.indexOf(item), 1);
      wrap.remove();
      renumber();
    });
    items.push(item);
    list.append(wrap);
    return child;
  };
  add.addEventListener("click", () => push());
  box.append(list, add);
  return {
    el: box,
    get() {
      const out = items.map((i) => i.child.get()).filter((v) => v !== undefined);
      return out.length ? out : undefined;
    },
    set(value) {
      items.splice(0).forEach((i) => i.el.remove());
      for (const v of Array.isArray(value) ? value : []) push().set(v);
    },
  };
}

function buildScalar(node, path, def, key) {
  let input;
  let read;
  let write;
  if (node.enum || node.type === "boolean") {
    const options = node.enum || [true, false];
    input = el("select", { "data-path": path });
    const unset = node.default === undefined ? t("unset")
      : `${t("dflt")}: ${node.default ? t("yes") : t("no")}`;
    input.append(el("option", { value: "" }, unset));
    for (const v of options) {
      const text = typeof v === "boolean" ? t(v ? "yes" : "no") : pick(VALUES[v]) || String(v);
      input.append(el("option", { value: JSON.stringify(v) }, text));
    }
    read = () => (input.value === "" ? undefined : JSON.parse(input.value));
    write = (v) => { input.value = v === undefined || v === null ? "" : JSON.stringify(v); };
  } else {
    const month = node.pattern && node.pattern.includes("(0[1-9]|1[0-2])$");
    const numeric = node.type === "integer" || node.type === "number";
    const hint = node.format === "date" ? "YYYY-MM-DD" : month ? "YYYY-MM" : undefined;
    input = el("input", {
      "data-path": path, placeholder: hint, autocomplete: "off",
      type: numeric ? "number" : "text", step: node.type === "number" ? "any" : undefined,
      min: numeric ? "0" : undefined,
    });
    read = () => {
      const text = input.value.trim();
      if (text === "") return undefined;
      return numeric && !Number.isNaN(Number(text)) ? Number(text) : text;
    };
    write = (v) => { input.value = v === undefined || v === null ? "" : String(v); };
  }
  const wrap = key === undefined ? input : el("label", {}, el("span", {}, label(def, key)), input);
  return { el: wrap, get: read, set: write };
}

function renderForm() {
  const values = form ? form.get() : undefined;
  form = build(schema, "", "Applicant");
  $("#form").replaceChildren(form.el);
  form.set(values);
}

// --- the readings ------------------------------------------------------------------------

function renderReadings() {
  const rows = readingList.map((r) => {
    const select = el("select", { "data-reading": r.id, title: r.text });
    for (const c of r.choices) {
      const text = c.id === r.default ? `${c.id} (${t("dflt")})` : c.id;
      select.append(el("option", { value: c.id, title: c.text }, text));
    }
    select.value = chosenReadings[r.id] || r.default;
    select.addEventListener("change", () => { chosenReadings[r.id] = select.value; });
    const title = lang === "zh" ? READING_TITLES[r.id] || r.title : r.title;
    return el("label", {}, el("span", {}, `${r.id} · ${title}`), select);
  });
  $("#readings").replaceChildren(...rows);
}

function readingsChosen() {
  return Object.fromEntries(readingList.map((r) => [r.id, chosenReadings[r.id] || r.default]));
}

function applicantFile() {
  return { schema: 1, ...(form.get() || {}) };
}

// --- talking to the server ---------------------------------------------------------------

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, init);
  const data = await response.json();
  if (!response.ok) throw data.error;
  return data;
}

function showErrors(error) {
  document.querySelectorAll(".invalid").forEach((n) => n.classList.remove("invalid"));
  const box = $("#errors");
  box.replaceChildren();
  if (!error) return;
  box.append(el("p", {}, t("errors")));
  const list = el("ul");
  const problems = error.problems && error.problems.length ? error.problems : [{ path: "", message: error.title }];
  for (const p of problems) {
    const field = p.path.replace(/^applicant\.?/, "");
    const input = document.querySelector(`[data-path="${CSS.escape(field || p.path)}"]`);
    if (input) input.classList.add("invalid");
    const cands = p.candidates && p.candidates.length ? ` (${p.candidates.join(", ")})` : "";
    list.append(el("li", { "data-problem": p.path }, `${p.path ? `${p.path}: ` : ""}${p.message}${cands}`));
  }
  box.append(list);
}

async function calculate() {
  const body = { applicant: applicantFile(), readings: readingsChosen(), lang };
  const on = $("#on").value.trim();
  if (on) body.on = on;
  const policy = $("#policy").value;
  showErrors(null);
  try {
    const result = await api("/api/v1/score", policy ? { ...body, policy } : body);
    lastResult = result;
    renderResult();
    lastPlan = await api("/api/v1/plan", body);
    renderPlan();
  } catch (error) {
    $("#result").hidden = true;
    $("#plan").hidden = true;
    lastResult = null;
    lastPlan = null;
    showErrors(error instanceof Error ? { title: t("network"), problems: [] } : error);
  }
}

// --- the result ----------------------------------------------------------------------

function verdict(r) {
  return r.meets_standard ? t("meets") : t("fails");
}

// The plain line of `shjzz score`: does the verdict rest on a reading, and what else would it be.
function readingsLine(r) {
  const flips = r.alternatives.filter((a) => a.meets_standard !== r.meets_standard);
  const under = (a) => `${a.reading}=${a.choice}`;
  if (!flips.length) {
    return [t("robust"), ...r.alternatives.map((a) => t("other", { choice: under(a), total: a.total }))]
      .join(lang === "zh" ? "；" : "; ");
  }
  const what = flips.map((a) => t("depends_one", {
    choice: under(a), total: a.total, standard: r.standard,
    verdict: t(a.meets_standard ? "meets_short" : "fails_short"),
  })).join(lang === "zh" ? "；" : "; ");
  return t("depends", { ids: [...new Set(flips.map((a) => a.reading))].join(", "), what });
}

function renderResult() {
  const r = lastResult;
  if (!r) return;
  $("#result").hidden = false;
  $("#total").textContent = String(r.total);
  $("#standard").textContent = String(r.standard);
  const v = $("#verdict");
  v.textContent = verdict(r) + (r.eligible ? "" : ` · ${t("not_eligible")}`) + (r.vetoed ? ` · ${t("vetoed")}` : "");
  v.className = r.meets_standard ? "meets" : "fails";
  const pol = policies.find((p) => p.id === r.policy);
  $("#version").textContent = `${t("version")}: ${r.policy}${pol ? ` · ${pol.title} · ${pol.document}` : ""} · ${r.on}`;
  $("#amendments").textContent = `${t("amendments")}: ${r.amendments.length ? r.amendments.join(", ") : t("none")}`;
  $("#verdict-readings").textContent = readingsLine(r);
  $("#verdict-readings").className = r.alternatives.some((a) => a.meets_standard !== r.meets_standard)
    ? "depends" : "robust";
  $("#alternatives").replaceChildren(el("p", {},
    `${t("readings")}: ${Object.entries(r.readings).map(([k, c]) => `${k}=${c}`).join(", ")}`));
  $("#warnings").replaceChildren(...r.warnings.map((w) => el("li", {}, w)));
  const rows = r.items.map((it) => {
    const b = it.basis;
    const basis = [b.document, b.article].filter(Boolean).join(" ");
    const cert = pick(CERTAINTY[b.certainty]) || b.certainty;
    return el("tr", { "data-indicator": it.indicator, class: it.counted ? "counted" : "uncounted" },
      el("td", {}, lang === "zh" ? `${it.name} (${it.indicator})` : `${it.indicator} (${it.name})`),
      el("td", { class: "points" }, String(it.points)),
      el("td", {}, it.counted ? t("counted_yes") : t("counted_no")),
      el("td", { class: "detail" }, it.detail),
      el("td", { class: "basis" }, basis),
      el("td", { class: "certainty" }, cert + (b.reading ? ` · ${t("reading")} ${b.reading}` : "")));
  });
  $("#items tbody").replaceChildren(...rows);
}

// --- the plan and its chart ----------------------------------------------------------

function day(text) {
  return Date.parse(`${text}T00:00:00Z`);
}

function renderPlan() {
  const p = lastPlan;
  if (!p) return;
  $("#plan").hidden = false;
  const met = $("#met");
  met.dataset.metOn = p.met_on || "";
  if (p.met_on === p.on) met.textContent = t("met_now", { date: p.met_on, target: p.target });
  else if (p.met_on) met.textContent = t("met_on", { date: p.met_on, target: p.target });
  else met.textContent = t("not_met", { until: p.until, target: p.target });
  $("#chart").replaceChildren(chart(p));
  const levers = p.levers.map((lv) => el("li", { "data-kind": lv.kind },
    t("lever", { change: lv.change, gain: lv.gain, effective: lv.effective }) +
    (lv.met_on ? t("lever_met", { date: lv.met_on, target: p.target }) : ""),
    el("div", { class: "hint" }, lv.note)));
  $("#levers").replaceChildren(...(levers.length ? levers : [el("li", {}, t("no_levers"))]));
  $("#plan-note").textContent = p.notes.join(" ");
}

function chart(p) {
  const W = 720, H = 300, L = 48, R = 16, T = 16, B = 36;
  const x0 = day(p.on), x1 = Math.max(day(p.until), x0 + 1);
  const totals = p.projection.map((pt) => pt.total);
  const yMax = Math.max(p.target, ...totals) * 1.1;
  const x = (d) => L + ((day(d) - x0) / (x1 - x0)) * (W - L - R);
  const y = (v) => H - B - (v / yMax) * (H - T - B);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": t("plan") });
  root.append(svg("line", { class: "axis", x1: L, y1: H - B, x2: W - R, y2: H - B }));
  root.append(svg("line", { class: "axis", x1: L, y1: T, x2: L, y2: H - B }));
  for (const v of [0, Math.round(yMax / 2), p.target]) {
    root.append(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)));
  }
  root.append(svg("line", { class: "target", x1: L, y1: y(p.target), x2: W - R, y2: y(p.target) }));
  root.append(svg("text", { x: W - R, y: y(p.target) - 4, "text-anchor": "end" }, `${t("chart_target")} ${p.target}`));
  let d = "";
  p.projection.forEach((pt, i) => {
    const next = i + 1 < p.projection.length ? p.projection[i + 1].on : p.until;
    d += `${i ? "L" : "M"}${x(pt.on).toFixed(1)},${y(pt.total).toFixed(1)} L${x(next).toFixed(1)},${y(pt.total).toFixed(1)} `;
  });
  root.append(svg("path", { class: "line", d: d.trim() }));
  root.append(svg("text", { x: L, y: H - 8 }, p.on));
  root.append(svg("text", { x: W - R, y: H - 8, "text-anchor": "end" }, p.until));
  if (p.met_on) {
    const pt = p.projection.find((q) => q.on === p.met_on);
    const cx = x(p.met_on), cy = y(pt ? pt.total : p.target);
    root.append(svg("circle", { class: "met", cx, cy, r: 5, "data-met-on": p.met_on }));
    root.append(svg("text", { x: Math.min(cx + 8, W - 90), y: cy + 18, class: "met-label" }, p.met_on));
  }
  return root;
}

// --- the catalogues ------------------------------------------------------------------

const CATALOGUES = ["skills", "titles", "qualifications", "majors", "areas"];
let lastCatalogue = null;

async function showCatalogue() {
  const name = $("#cat-name").value;
  const on = $("#cat-on").value.trim();
  try {
    lastCatalogue = await api(`/api/v1/catalogue/${name}${on ? `?on=${encodeURIComponent(on)}` : ""}`);
    renderCatalogue();
  } catch (error) {
    lastCatalogue = null;
    $("#cat-info").textContent = error instanceof Error ? t("network")
      : [error.title, ...error.problems.map((p) => `${p.path}: ${p.message}`)].join(" ");
    $("#cat-table tbody").replaceChildren();
  }
}

function earns(e) {
  const w = e.worth;
  if (w.by_level) {
    return Object.entries(w.by_level).sort().map(([lv, n]) => `${lv}${t("level")} ${n}`).join(" · ");
  }
  return t(w.per_year ? "per_year" : "each", { n: w.points });
}

function conditions(e) {
  return [...e.worth.conditions, e.worth.reason].filter(Boolean).join("; ");
}

function renderCatalogue() {
  const c = lastCatalogue;
  if (!c) return;
  const q = $("#cat-q").value.trim().toLowerCase();
  const shown = c.entries.filter((e) => !q || [e.name, ...e.alternates, ...e.aliases, e.code || ""]
    .some((s) => s.toLowerCase().includes(q)));
  $("#cat-info").textContent = [t("entries", {
    n: shown.length, edition: c.edition, effective: c.effective, policy: c.policy,
    completeness: c.completeness || "–",
  }), c.note].filter(Boolean).join(" · ");
  $("#cat-table thead").replaceChildren(el("tr", {}, el("th", {}, t("name")),
    el("th", {}, t("other_names")), el("th", {}, t("code")), el("th", {}, t("earns")),
    el("th", {}, t("conditions"))));
  $("#cat-table tbody").replaceChildren(...shown.map((e) => el("tr", { "data-entry": e.name },
    el("td", {}, e.name), el("td", {}, [...e.alternates, ...e.aliases].join(" / ")),
    el("td", {}, [e.code, pick(VALUES[e.grade]), ...e.series].filter(Boolean).join(" · ")),
    el("td", { class: "earns" }, earns(e)), el("td", { class: "conditions" }, conditions(e)))));
}

// --- language, files, start ----------------------------------------------------------

let policies = [];

function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = `${t("title")} · shjzz`;
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  $("#lang").textContent = lang === "zh" ? "English" : "中文";
  $("#lang").setAttribute("lang", lang === "zh" ? "en" : "zh-CN");
  const cat = $("#cat-name");
  const chosen = cat.value || "skills";
  cat.replaceChildren(...CATALOGUES.map((n) => el("option", { value: n }, t(n))));
  cat.value = chosen;
  renderForm();
  renderReadings();
  renderResult();
  renderPlan();
  renderCatalogue();
}

function importFile(file) {
  file.text().then((text) => {
    const data = JSON.parse(text);
    const isCase = data && typeof data === "object" && "applicant" in data && !("birth_date" in data);
    form.set(isCase ? data.applicant : data);
    if (isCase && typeof data.on === "string") $("#on").value = data.on;
    if (isCase && typeof data.policy === "string") $("#policy").value = data.policy;
    if (isCase && data.readings && typeof data.readings === "object") {
      Object.assign(chosenReadings, data.readings);
      renderReadings();
    }
    showErrors(null);
  }).catch((error) => showErrors({ title: String(error.message || error), problems: [] }));
}

function exportFile() {
  const blob = new Blob([`${JSON.stringify(applicantFile(), null, 2)}\n`], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: "applicant.json" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function tab(calc) {
  $("#view-calc").hidden = !calc;
  $("#view-cat").hidden = calc;
  $("#tab-calc").classList.toggle("active", calc);
  $("#tab-cat").classList.toggle("active", !calc);
  if (!calc && !lastCatalogue) showCatalogue();
}

async function start() {
  schema = await api("/api/v1/schema");
  policies = (await api("/api/v1/policies")).versions;
  readingList = (await api("/api/v1/readings")).readings.filter((r) => r.choices.length);
  for (const p of policies) $("#policy").append(el("option", { value: p.id }, `${p.id} · ${p.title}`));
  const today = new Date().toISOString().slice(0, 10);
  $("#on").value = today;
  $("#cat-on").value = today;
  applyLang();
  $("#lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    applyLang();
    if (lastResult) calculate(); // the details and levers come from the API in the new language
  });
  $("#calculate").addEventListener("click", calculate);
  $("#export").addEventListener("click", exportFile);
  $("#import").addEventListener("change", (e) => { if (e.target.files[0]) importFile(e.target.files[0]); e.target.value = ""; });
  $("#tab-calc").addEventListener("click", () => tab(true));
  $("#tab-cat").addEventListener("click", () => tab(false));
  $("#cat-show").addEventListener("click", showCatalogue);
  $("#cat-q").addEventListener("input", renderCatalogue);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => { start(); });
