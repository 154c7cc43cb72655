//! The English default content of a new project: question lists, the LFR briefing, the KP and
//! TEO templates and the layer-5 checklists. Written for B2B sales of industrial equipment, not
//! translated word for word; the method's acronyms stay (LPR, LFR, LVR, TEO, KP, TFS) and are
//! glossed the first time a list or template uses them. Each table is in the order of its
//! Russian counterpart (same stages, roles, SPIN types, placeholders).

/// Texts of `tools::DEFAULT_QUESTIONS`, in its order.
pub const QUESTIONS: [&str; 21] = [
    // 2.1 — needs of the LFR.
    "What equipment runs in this area now, how old is it and how many hours a year does it run?",
    "How are maintenance and repairs organised: in-house, by a service company, planned or run-to-failure?",
    "How many equipment failures did you have last year, and what did they cost the plant?",
    "Where do you lose most: power, repairs and spare parts, downtime, rejects?",
    "What happens to output while a unit is down for repair? What does an hour of downtime cost?",
    "How will rising power tariffs affect the department's budget next year?",
    "If failures were halved, what would that mean for your team and for you personally?",
    "How important is it to get spare parts in 48 hours rather than in 10–12 weeks?",
    // 2.2 — decision criteria of the LFR and the LPR.
    "Which parameters will you compare suppliers on? Who else takes part in the choice?",
    "How is a purchase of this kind of equipment decided, and who signs it off?",
    "What went wrong with past purchases: lead times, reliability, service, documentation?",
    "What does choosing on the lowest price cost you if the equipment stands idle a year later?",
    "Would comparing the options on 5-year cost of ownership, not on price alone, help you justify the decision?",
    "Would it help to write efficiency at the duty point and spare-parts lead time into the requirements?",
    // 2.3 — briefing the LFR for the TEO to the LPR.
    "What power consumption data do you have for this equipment for the last 12 months? Who prepares the payback calculation for the LPR?",
    "What repair, spare-parts and maintenance costs were booked for this equipment last year?",
    "What payback period and discount rate does the LPR consider acceptable?",
    "What objections does the LPR usually raise against investments like this?",
    "What happens to the repair budget and to output if nothing changes for another three years?",
    "If the TEO shows a payback under three years, will the LPR back the project this year?",
    "Which figures decide it for you: payback period, NPV, lower risk of downtime?",
];

/// `tools::DEFAULT_BRIEFING`: (text, unit), in its order.
pub const BRIEFING: [(&str, &str); 14] = [
    ("Power consumption of the equipment over 12 months", "kWh"),
    ("Installed power and operating mode", "kW; h/year"),
    ("Power tariff", "₽/kWh"),
    ("Failures per year", "per year"),
    ("Average downtime per failure", "h"),
    (
        "Cost of an hour of downtime (lost output, penalties)",
        "₽/h",
    ),
    ("Maintenance and repair budget", "₽/year"),
    ("Spare parts costs", "₽/year"),
    ("Staff hours spent on maintenance", "man-h/year"),
    ("Cost of an hour of staff time", "₽/man-h"),
    (
        "Rejects and product losses caused by the equipment",
        "₽/year",
    ),
    ("Salvage value of the old equipment", "₽"),
    (
        "Discount rate and calculation horizon the client uses",
        "%; years",
    ),
    (
        "Who prepares the calculation for the LPR, in what format and by when",
        "",
    ),
];

/// What fills each placeholder of `tools::KP_PLACEHOLDERS`, in its order.
pub const KP_PLACEHOLDERS: [&str; 24] = [
    "Our company",
    "Date of the KP",
    "KP number",
    "Client",
    "Name of the LFR (addressee)",
    "Position of the LFR",
    "Subject (project name)",
    "Offer: the value for the main need",
    "Confirmed needs of the LFR (stage 2.1, 3+)",
    "Proposed solution: scope, technical data",
    "Advantages ↔ needs and criteria (advantage matrix, stage 2.2)",
    "Cost-of-ownership comparison (from the TEO, if any)",
    "Specification: item, qty, price, amount",
    "Total incl. VAT",
    "VAT",
    "Total excl. VAT",
    "Lead time and delivery terms",
    "Payment terms",
    "Warranty, installation, commissioning, service",
    "Proof: references, case studies, certificates, tests",
    "Validity of the KP, days",
    "Next step",
    "Sales manager",
    "Contacts of the manager and the engineer",
];

/// The English KP (commercial offer) template: the placeholders of `tools::KP_PLACEHOLDERS`.
pub const KP_TEMPLATE: &str = "\
COMMERCIAL OFFER (KP) No. {number} of {date}

{supplier}
To: {lfr_name}, {lfr_position}, {client}
Subject: {subject}

1. Our offer
{offer}

2. Your situation and objectives
{needs}

3. Proposed solution
{solution}

4. How the solution meets your objectives and criteria
{advantages}

5. Cost of ownership
{tco}

6. Specification and price
{spec}
Total: {total}, incl. VAT: {vat}
Total excl. VAT: {net}

7. Terms
Delivery: {delivery}
Payment: {payment}
Warranty and service: {warranty}

8. Proof
{proof}

9. This offer is valid for {validity_days} days.

10. Next step
{next_step}

Contacts: {manager}, {manager_contacts}
";

/// What fills each placeholder of `tools::TEO_PLACEHOLDERS`, in its order.
pub const TEO_PLACEHOLDERS: [&str; 28] = [
    "Client",
    "Name of the LPR (addressee)",
    "Position of the LPR",
    "Name of the LFR (prepared the data)",
    "Date",
    "Subject (project name)",
    "The decision we ask for",
    "Investment I (net of salvage value)",
    "Annual economic effect S",
    "Simple payback, years",
    "Discounted payback, years",
    "NPV over the horizon",
    "ROI over the horizon, %",
    "IRR, %",
    "Calculation horizon, years",
    "Discount rate, %",
    "Current costs and losses by item, with sources",
    "Alternatives: do nothing, our solution, a competitor",
    "Technical summary of the solution (see the KP)",
    "Investment by item",
    "Salvage value of the old equipment",
    "Operating costs after the project",
    "Savings by item per year",
    "Cost of ownership of our option over the horizon",
    "Cost of ownership of the alternative over the horizon",
    "Sensitivity table ±20 %",
    "Implementation schedule",
    "Conclusion and recommendation",
];

/// The English TEO (feasibility study) template: the placeholders of `tools::TEO_PLACEHOLDERS`.
pub const TEO_TEMPLATE: &str = "\
FEASIBILITY STUDY (TEO)
{subject}
For: {lpr_name}, {lpr_position}, {client}
Data prepared by: {lfr_name}. Date: {date}

1. Summary
Decision requested: {decision}
Investment: {investment}. Annual effect: {annual_savings}.
Payback: {payback} years. NPV over {horizon} years at {discount_rate} %: {npv}.

2. Current situation (base case)
{baseline}

3. Problems and alternatives
{alternatives}

4. Proposed solution
{solution}

5. Investment (CAPEX)
{investment_lines}
Less the salvage value of the old equipment: {salvage}
Total investment: {investment}

6. Operating costs (OPEX) after the project
{opex_lines}

7. Economic effect by item, per year
{savings_lines}
Total: {annual_savings}

8. Financial indicators
Simple payback: {payback} years
Discounted payback: {discounted_payback} years
NPV: {npv}
ROI over {horizon} years: {roi} %
IRR: {irr} %
Cost of ownership over {horizon} years: our option {tco_ours}, alternative {tco_alternative}

9. Risks and sensitivity
{sensitivity}

10. Implementation schedule
{schedule}

11. Conclusion
{conclusion}
";

/// The layer-5 checklists of `psychology::DEFAULTS`, in its order: behaviours, mistakes, what to
/// say, what to avoid.
pub type Lists = [&'static [&'static str]; 4];

/// The stage codes of [`CHECKLISTS`], in order.
pub const CHECKLIST_CODES: [&str; 14] = [
    "1", "2.1", "2.2", "2.3", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];

pub const CHECKLISTS: [Lists; 14] = [
    // 1
    [
        &[
            "Come with a reason that is useful to the client: a case study, a calculation, an invitation to a reference site",
            "Find out who the LVR (influencer), LFR (the engineer who sets the requirements) and LPR (decision maker) are and record them in the project map",
            "Agree a concrete next step — a meeting with the LFR, not «let's keep in touch»",
            "Record the lead at once: project, need, source (touch point)",
        ],
        &[
            "Sending the price list and catalogue instead of talking about the client's problems",
            "Counting any contact as a lead without a specific project or need",
            "Talking only to purchasing and never reaching the LFR",
            "Pushing for a meeting when the client has no reason to talk",
        ],
        &[
            "«We did a similar project at a plant nearby — let me show you the result»",
            "«Who is responsible for the reliability of your pumps? Who is the right person to talk to?»",
            "«I suggest 40 minutes on your objectives — no sales presentation»",
        ],
        &[
            "«We are the market leader» and other claims without proof",
            "Talking price and discounts before the problem is clear",
            "Criticising the client's current supplier",
        ],
    ],
    // 2.1
    [
        &[
            "Uncover the LFR's needs with SPIN questions: situation → problem → implication → need-payoff",
            "Listen more than you talk; write down the client's own words",
            "Confirm every need aloud and link it to a row of the advantage matrix",
            "Get at least 3 confirmed needs (the 3+ metric)",
            "Dig down to 3rd–4th order needs: the specific unit, figures, consequences",
        ],
        &[
            "Presenting the product before the needs are known",
            "Asking only situation questions and never reaching problems and implications",
            "Taking the first problem named for the main one",
            "Replacing the client's needs with your own unconfirmed guesses",
        ],
        &[
            "«How many failures did you have last year, and what did they cost the plant?»",
            "«What happens to output while the pump is under repair?»",
            "«Did I get it right that what matters most to you is…?»",
            "«If this problem were solved, what would it give the department?»",
        ],
        &[
            "«Our equipment will solve all your problems»",
            "Leading questions that impose an answer",
            "Arguing with the client's view and interrupting",
            "Moving to price before the needs are confirmed",
        ],
    ],
    // 2.2
    [
        &[
            "Find out the decision criteria of both the LFR and the LPR: what suppliers will be compared on",
            "Ask who else takes part in the choice and how much each criterion weighs",
            "Shape the criteria with care: suggest including our advantages through the client's needs",
            "Get at least 3 criteria, our advantages among them (3+)",
            "Prepare a KP (commercial offer) for the LFR built on the needs and criteria found",
        ],
        &[
            "Assuming the only criterion is price",
            "Knowing the LFR's criteria but not the LPR's",
            "Sending a standard KP unrelated to the client's criteria",
            "Imposing criteria directly, without the client's needs behind them",
        ],
        &[
            "«Which parameters will you compare suppliers on?»",
            "«Who else is involved in the choice, and what matters to each of them?»",
            "«How will you assess the cost of ownership, not just the purchase price?»",
        ],
        &[
            "Promising to «fit any criterion»",
            "Discussing a discount before the criteria are set",
            "Going over the LFR's head to the LPR without telling them",
        ],
    ],
    // 2.3
    [
        &[
            "Brief the LFR: which baseline data to collect and how to present the TEO (feasibility study) to the LPR",
            "Calculate the economic effect together with the LFR on the client's figures: investment, savings, payback",
            "Speak to the LPR in money: effect, payback, the risk of doing nothing",
            "Prepare the LFR for the LPR's questions and the finance department's objections",
        ],
        &[
            "Handing the TEO to the LPR without preparing the LFR — the LFR cannot «sell it inside»",
            "Building the calculation on our assumptions instead of the client's data",
            "Overstating savings — one inconsistency undermines trust in the whole TEO",
            "Showing the LPR technical detail instead of the economic effect",
        ],
        &[
            "«What power consumption data do you have for the pump station for the last 12 months?»",
            "«Who prepares the payback calculation for the LPR? Let's do it together»",
            "«What payback period is acceptable in your company?»",
            "«Here is the calculation on your figures — please check the assumptions»",
        ],
        &[
            "Promising an effect that cannot be verified",
            "Complex formulas without explanation",
            "Pressuring the LFR: they are your ally, not your subordinate",
        ],
    ],
    // 3
    [
        &[
            "Confirm the LPR's decision in principle and the budget line, with the amount and timing",
            "Find out the approval procedure: who signs, which steps and documents",
            "Support the LFR as the internal champion: give them material to defend the project",
        ],
        &[
            "Mistaking the LPR's polite interest for a decision",
            "Not knowing the client's budget cycle",
            "Disappearing after the TEO presentation and leaving the LFR alone",
        ],
        &[
            "«What steps are needed to get the project into this year's budget?»",
            "«What could stand in the way of the decision, and how can we help?»",
            "«Which documents does the finance department need?»",
        ],
        &[
            "Pressuring the LPR with «special offer» deadlines",
            "Generalities instead of a concrete next step",
            "Discussing the project with the LPR behind the LFR's back",
        ],
    ],
    // 4
    [
        &[
            "Help the LFR write the technical specification and the questionnaire",
            "Make sure the specification contains our criteria: efficiency, seal type, spare-parts lead time",
            "Agree the specification with the operations LVR so that no objections come later",
        ],
        &[
            "Writing the specification so obviously «for us» that purchasing rejects it",
            "Waiting for the client's specification without offering help",
            "Not checking that the final version matches the agreed one",
        ],
        &[
            "«Let me draft the questionnaire, and you correct it»",
            "«This parameter matters for your failure problem — I suggest we fix it in the spec»",
            "«Who else has to approve the specification?»",
        ],
        &[
            "Requirements that benefit only us",
            "Promising to change the specification «later»",
            "Technical jargon the LVR cannot follow",
        ],
    ],
    // 5
    [
        &[
            "Build the final proposal on the client's needs and criteria, not on the price list",
            "Show the economic effect from the TEO next to the price",
            "Go through the proposal with the LFR before sending it officially",
            "State the validity period and the terms of the offer",
        ],
        &[
            "Sending the proposal by e-mail without a conversation",
            "Overloading the proposal with technical documentation",
            "Giving a price without explaining what it is made of",
        ],
        &[
            "«Here is how the offer addresses the three objectives you named»",
            "«Let's go through the offer together before it is sent officially»",
            "«What in the offer will raise questions in purchasing?»",
        ],
        &[
            "A «negotiation discount» built in without justification",
            "Vague delivery dates",
            "Comparisons with a competitor the client did not ask for",
        ],
    ],
    // 6
    [
        &[
            "Learn the tender or specification procedure: dates, criteria, who sits on the committee",
            "Keep in touch with the LFR and the purchasing LVR within the procurement rules",
            "Submit documents on time and without errors — a formal mistake costs the deal",
            "In a design institute work with the chief project engineer to get written into the specification",
        ],
        &[
            "Learning about the tender from the announcement rather than from the LFR",
            "Cutting the price below margin instead of using the value criteria",
            "Breaking procurement rules in an attempt to «make a deal»",
        ],
        &[
            "«Which documents are needed to take part, and by when?»",
            "«How will price and technical criteria be weighted?»",
            "«Do you need material from us for the design documents?»",
        ],
        &[
            "Informal arrangements that bypass the procedure",
            "Panic price cuts",
            "Negative remarks about competitors in front of the committee",
        ],
    ],
    // 7
    [
        &[
            "Prepare the negotiation: goals, limits of concessions, a concession only for a concession",
            "Discuss value and cost of ownership, not price alone",
            "Confirm what was agreed in writing after every meeting",
            "Negotiate with the LPR and purchasing while keeping the LFR informed",
        ],
        &[
            "Conceding without getting anything back",
            "Opening with a discount",
            "Not knowing who makes the final decision on terms",
        ],
        &[
            "«If we move the payment date, can we fix the volume?»",
            "«What matters more to you: price, lead time or payment terms?»",
            "«Let's write down what we have agreed»",
        ],
        &[
            "Ultimatums and emotional reactions",
            "Last-minute concessions with nothing in return",
            "Promises not agreed with production and finance",
        ],
    ],
    // 8
    [
        &[
            "Check the contract against the agreed terms",
            "Thank the LPR and the LFR and confirm the delivery plan",
            "Hand the project over for execution with all agreements and contacts written down",
        ],
        &[
            "Losing interest in the client right after signing",
            "Not passing on to the delivery team the promises made to the client",
            "Delaying the signature with minor edits",
        ],
        &[
            "«Thank you for your trust. Here is the delivery plan and who is responsible for what»",
            "«Who on your side do we agree the schedule with?»",
            "«Who is our contact while the equipment is being manufactured?»",
        ],
        &[
            "New terms and upselling at the moment of signing",
            "Promising dates production has not confirmed",
            "Silence until shipment",
        ],
    ],
    // 9
    [
        &[
            "Keep the client informed of manufacturing progress on the agreed schedule",
            "Warn of schedule risks early and offer solutions",
            "Follow up the advance payment politely, without pressure",
        ],
        &[
            "Announcing a delay on the last day",
            "Blaming production in front of the client",
            "Chasing the advance payment harshly",
        ],
        &[
            "«Manufacturing is on schedule; the next check is on …»",
            "«There is a risk of a one-week slip; I suggest the following…»",
            "«Could you tell me where the advance payment is in the approval process?»",
        ],
        &[
            "«It's not up to me»",
            "Promises production has not confirmed",
            "Disappearing until shipment",
        ],
    ],
    // 10
    [
        &[
            "Be on site at the key steps of installation and commissioning",
            "Train the client's staff (the operations LVR) to run the equipment",
            "React quickly to remarks and record when each is closed",
            "Record the effect achieved for a future case study",
        ],
        &[
            "Treating the sale as finished at shipment",
            "Arguing with operations about the causes of remarks",
            "Not recording the actual performance after start-up",
        ],
        &[
            "«What remarks do operations have? Let's close them before the acceptance certificate»",
            "«Let's measure the performance together after start-up»",
            "«Which of your staff should we train first?»",
        ],
        &[
            "Looking for someone to blame on site",
            "Promising fixes without dates",
            "Turning down small requests from operations",
        ],
    ],
    // 11
    [
        &[
            "Close the payments correctly and on time, reconcile the documents",
            "Set up the service contact: spare parts, maintenance, hotline",
            "Ask regularly how the equipment is running",
        ],
        &[
            "Disappearing after payment",
            "Chasing a debt without reconciling the documents",
            "Handing the client to service without an introduction",
        ],
        &[
            "«How is the equipment running? Any questions for service?»",
            "«Let me introduce the service engineer who will look after your site»",
            "«Let's reconcile the closing documents»",
        ],
        &[
            "A sharp tone about payment",
            "Promising service that does not exist",
            "Ignoring complaints once paid",
        ],
    ],
    // 12
    [
        &[
            "Ask for a reference letter or permission for a case study once the effect is confirmed",
            "Invite other clients to the reference site",
            "Look for the client's next project and record it as a new lead at stage 1",
            "Thank the LFR and the LPR publicly (with their consent)",
        ],
        &[
            "Not asking for a reference out of shyness",
            "Publishing a case study without the client's approval",
            "Not asking about the client's next tasks",
        ],
        &[
            "«You have achieved savings — may we tell the story in a case study?»",
            "«Which other units give you similar problems?»",
            "«Could we bring colleagues from another plant to see your site?»",
        ],
        &[
            "Pushy requests for a reference",
            "Exaggerating the results in a case study",
            "Moving straight to a new sale before the current result is confirmed",
        ],
    ],
];
