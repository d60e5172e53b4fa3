#include "core/train/lr_scheduler.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace linearlab::train {

namespace {

using K = SchedulerKeyword;

constexpr double kPi = 3.141592653589793;  // math.pi

bool same(double a, double b) {
    return std::memcmp(&a, &b, sizeof(double)) == 0;
}

/// Python's `a / b` for floats, which raises rather than giving inf or nan.
double divide(double a, double b) {
    if (b == 0)
        throw std::invalid_argument("float division by zero");
    return a / b;
}

}  // namespace

bool SchedulerState::operator==(const SchedulerState& o) const {
    return type == o.type && lastEpoch == o.lastEpoch && same(baseLr, o.baseLr) && same(lr, o.lr) &&
           same(best, o.best) && numBadEpochs == o.numBadEpochs &&
           cooldownCounter == o.cooldownCounter;
}

LrScheduler::LrScheduler(const SchedulerOptions& options, double lr) : m_options(options) {
    checkScheduler(options);
    const SchedulerInfo* info = findScheduler(options.type);
    if (!info)
        throw SchedulerError("scheduler.type", "no scheduler given");
    auto value = [&](K k) { return *keywordValueOrDefault(options, k); };
    auto number = [&](K k) { return std::get<double>(value(k)); };
    auto integer = [&](K k) { return std::get<long long>(value(k)); };
    auto flag = [&](K k) { return std::get<bool>(value(k)); };
    auto choice = [&](K k) { return std::get<std::string>(value(k)); };
    const std::string& t = options.type;
    m_stepping = info->stepping;
    m_state.type = t;
    m_state.lr = lr;
    if (t == "StepLR") {
        m_kind = Kind::Step;
        m_stepSize = integer(K::step_size);
        m_gamma = number(K::gamma);
    } else if (t == "MultiStepLR") {
        m_kind = Kind::MultiStep;
        m_milestones = std::get<std::vector<long long>>(value(K::milestones));
        m_gamma = number(K::gamma);
    } else if (t == "ExponentialLR") {
        m_kind = Kind::Exponential;
        m_gamma = number(K::gamma);
    } else if (t == "CosineAnnealingLR") {
        m_kind = Kind::CosineAnnealing;
        m_tMax = integer(K::T_max);
        m_etaMin = number(K::eta_min);
    } else if (t == "LinearLR") {
        m_kind = Kind::Linear;
        m_startFactor = number(K::start_factor);
        m_endFactor = number(K::end_factor);
        m_totalIters = integer(K::total_iters);
    } else if (t == "OneCycleLR") {
        m_kind = Kind::OneCycle;
        m_totalSteps = options.keywords.count(K::total_steps)
                           ? integer(K::total_steps)
                           : integer(K::epochs) * integer(K::steps_per_epoch);
        m_pctStart = number(K::pct_start);
        m_cosine = choice(K::anneal_strategy) == "cos";
        m_cycleMomentum = flag(K::cycle_momentum);
        m_baseMomentum = number(K::base_momentum);
        m_maxMomentum = number(K::max_momentum);
        m_threePhase = flag(K::three_phase);
        // initial_lr = max_lr / div_factor, min_lr = initial_lr / final_div_factor.
        m_maxLr = number(K::max_lr);
        lr = m_maxLr / number(K::div_factor);
        m_minLr = lr / number(K::final_div_factor);
    } else {
        m_kind = Kind::Plateau;
        m_modeMin = choice(K::mode) == "min";
        m_relative = choice(K::threshold_mode) == "rel";
        m_factor = number(K::factor);
        m_patience = integer(K::patience);
        m_threshold = number(K::threshold);
        m_cooldown = integer(K::cooldown);
        m_plateauMinLr = number(K::min_lr);
        m_eps = number(K::eps);
        // No initial step; _reset() sets best to mode_worse.
        m_state.best = m_modeMin ? std::numeric_limits<double>::infinity()
                                 : -std::numeric_limits<double>::infinity();
        m_state.baseLr = lr;
        return;
    }
    m_state.baseLr = lr;  // group.setdefault('initial_lr', group['lr'])
    // _initial_step(): last_epoch -1 -> 0, and get_lr() at 0.
    m_state.lastEpoch = 0;
    m_state.lr = m_kind == Kind::OneCycle ? oneCycleLr() : chainedLr(lr);
}

double LrScheduler::step(double lr) {
    if (m_stepping == SchedulerStepping::Metric)
        throw std::logic_error("ReduceLROnPlateau steps on a metric");
    ++m_state.lastEpoch;
    m_state.lr = m_stepping == SchedulerStepping::Batch ? oneCycleLr() : chainedLr(lr);
    return m_state.lr;
}

double LrScheduler::chainedLr(double lr) const {
    const long long e = m_state.lastEpoch;
    const double ed = static_cast<double>(e);
    switch (m_kind) {
        case Kind::Step:
            if (e == 0 || e % m_stepSize != 0)
                return lr;
            return lr * m_gamma;
        case Kind::MultiStep: {
            // Counter(milestones)[last_epoch]: a milestone listed twice decays twice.
            const auto count = std::count(m_milestones.begin(), m_milestones.end(), e);
            if (count == 0)
                return lr;
            return lr * std::pow(m_gamma, static_cast<double>(count));
        }
        case Kind::Exponential:
            return e == 0 ? lr : lr * m_gamma;
        case Kind::CosineAnnealing: {
            const double tMax = static_cast<double>(m_tMax);
            if (e == 0)
                return lr;
            // (last_epoch - 1 - T_max) % (2 * T_max) == 0: the restart's upward half-step.
            if ((e - 1 - m_tMax) % (2 * m_tMax) == 0)
                return lr + (m_state.baseLr - m_etaMin) * (1 - std::cos(kPi / tMax)) / 2;
            return divide(1 + std::cos(kPi * ed / tMax), 1 + std::cos(kPi * (ed - 1) / tMax)) *
                       (lr - m_etaMin) +
                   m_etaMin;
        }
        case Kind::Linear:
            if (e == 0)
                return lr * m_startFactor;
            if (e > m_totalIters)
                return lr;
            return lr * (1. + divide(m_endFactor - m_startFactor,
                                     static_cast<double>(m_totalIters) * m_startFactor +
                                         (ed - 1) * (m_endFactor - m_startFactor)));
        default:
            throw std::logic_error(m_options.type + " has no chainable get_lr()");
    }
}

double LrScheduler::oneCycleLr() {
    const long long stepNum = m_state.lastEpoch;
    if (stepNum > m_totalSteps)
        throw std::invalid_argument("Tried to step " + std::to_string(stepNum + 1) +
                                    " times. The specified number of total steps is " +
                                    std::to_string(m_totalSteps));
    struct Phase {
        double endStep, startLr, endLr, startMomentum, endMomentum;
    };
    const double total = static_cast<double>(m_totalSteps);
    const double initialLr = m_state.baseLr;
    const Phase warmUp{m_pctStart * total - 1, initialLr, m_maxLr, m_maxMomentum, m_baseMomentum};
    std::array<Phase, 3> phases;
    size_t count = 0;
    phases[count++] = warmUp;
    if (m_threePhase) {
        phases[count++] = {2 * m_pctStart * total - 2, m_maxLr, initialLr, m_baseMomentum,
                           m_maxMomentum};
        phases[count++] = {total - 1, initialLr, m_minLr, m_maxMomentum, m_maxMomentum};
    } else {
        phases[count++] = {total - 1, m_maxLr, m_minLr, m_baseMomentum, m_maxMomentum};
    }
    const bool cosine = m_cosine;
    auto anneal = [cosine](double start, double end, double pct) {
        if (cosine) {
            const double cosOut = std::cos(kPi * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    };
    const double s = static_cast<double>(stepNum);
    double startStep = 0;
    for (size_t i = 0; i < count; ++i) {
        const Phase& p = phases[i];
        if (s <= p.endStep || i == count - 1) {
            const double pct = divide(s - startStep, p.endStep - startStep);
            if (m_cycleMomentum)
                m_momentum = anneal(p.startMomentum, p.endMomentum, pct);
            return anneal(p.startLr, p.endLr, pct);
        }
        startStep = p.endStep;
    }
    return m_state.lr;  // not reached: the last phase always answers
}

std::string LrScheduler::nextStepError() const {
    if (m_stepping != SchedulerStepping::Batch || m_state.lastEpoch + 1 <= m_totalSteps)
        return {};
    return "Tried to step " + std::to_string(m_state.lastEpoch + 2) +
           " times. The specified number of total steps is " + std::to_string(m_totalSteps);
}

bool LrScheduler::isBetter(double a, double best) const {
    if (m_modeMin && m_relative)
        return a < best * (1. - m_threshold);
    if (m_modeMin)
        return a < best - m_threshold;
    if (m_relative)
        return a > best * (m_threshold + 1.);
    return a > best + m_threshold;
}

double LrScheduler::step(double lr, double metric) {
    if (m_stepping != SchedulerStepping::Metric)
        return step(lr);
    SchedulerState& s = m_state;
    ++s.lastEpoch;
    if (isBetter(metric, s.best)) {
        s.best = metric;
        s.numBadEpochs = 0;
    } else {
        ++s.numBadEpochs;
    }
    if (s.cooldownCounter > 0) {
        --s.cooldownCounter;
        s.numBadEpochs = 0;  // ignore any bad epochs in cooldown
    }
    if (s.numBadEpochs > m_patience) {
        // _reduce_lr: max(old_lr * factor, min_lr), unless the change is below eps.
        const double reduced = lr * m_factor;
        const double newLr = m_plateauMinLr > reduced ? m_plateauMinLr : reduced;
        if (lr - newLr > m_eps)
            lr = newLr;
        s.cooldownCounter = m_cooldown;
        s.numBadEpochs = 0;
    }
    s.lr = lr;
    return lr;
}

void LrScheduler::restore(const SchedulerState& state) {
    if (state.type != m_state.type)
        return;
    m_state = state;
    if (m_stepping == SchedulerStepping::Batch && m_state.lastEpoch <= m_totalSteps) {
        // The momentum is a function of the step alone; the saved lr stays as saved.
        const double lr = m_state.lr;
        oneCycleLr();
        m_state.lr = lr;
    }
}

}  // namespace linearlab::train
