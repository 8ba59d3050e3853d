#!/usr/bin/env bash
# Transfer learning on Fashion-MNIST, end to end through `ctk train`:
#   1. pretrain a ResNet on classes 0-4 (T-shirt/top, Trouser, Pullover, Dress, Coat), all their training images;
#   2. learn classes 5-9 (Sandal, Shirt, Sneaker, Bag, Ankle boot) from only N training images per class, three ways
#      with the same recipe and epochs: from scratch, bottleneck (frozen pretrained backbone, cached features, head only)
#      and fine-tune (head first, then the whole backbone at a tenth of the learning rate);
#   3. evaluate each on all 5,000 test images of classes 5-9;
#   4. measure bottleneck feature throughput on the 30,000 training images of classes 5-9.
# Prints a table; the last line is `transfer_acc=<fine-tune> scratch_acc=<scratch>`.
#
# Usage: benchmarks/transfer-fashion.sh [--per-class N] [--model resnet8] [--pretrain-epochs N] [--epochs N] [--lr X] [--work DIR]
#        [--head-epochs 5] [--backbone-factor 0.1] [--augment]
#   --lr is the learning rate of the three few-image runs (pretraining uses 0.001); --head-epochs and
#   --backbone-factor set the fine-tune run's transfer.headEpochs and transfer.backboneLearningRateFactor; --augment
#   trains every run (pretraining included) with crop padding 2 and horizontal flips.
set -euo pipefail

per_class=20 model=resnet8 pretrain_epochs=3 epochs=30 lr=0.001 head_epochs=5 backbone_factor=0.1 augment=false work=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --per-class) per_class="$2"; shift 2 ;;
        --model) model="$2"; shift 2 ;;
        --pretrain-epochs) pretrain_epochs="$2"; shift 2 ;;
        --epochs) epochs="$2"; shift 2 ;;
        --lr) lr="$2"; shift 2 ;;
        --head-epochs) head_epochs="$2"; shift 2 ;;
        --backbone-factor) backbone_factor="$2"; shift 2 ;;
        --augment) augment=true; shift ;;
        --work) work="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
bench_warn_if_busy
echo "== building (Release)"
bench_build src/ClassifierToolkit.Cli
work="${work:-$(mktemp -d /tmp/ctk-transfer.XXXXXX)}"
mkdir -p "$work"
echo "== working in $work"

train_png="$(bench_pngs train)"
test_png="$(bench_pngs test)"
first=("T-shirt_top" "Trouser" "Pullover" "Dress" "Coat")
second=("Sandal" "Shirt" "Sneaker" "Bag" "Ankle boot")

# Image folders as links into the exported PNGs: nothing is copied.
rm -rf "$work/data"
mkdir -p "$work/data/pretrain-train" "$work/data/pretrain-test" "$work/data/few-train" "$work/data/few-test" "$work/data/all-train"
for class in "${first[@]}"; do
    ln -s "$train_png/$class" "$work/data/pretrain-train/$class"
    ln -s "$test_png/$class" "$work/data/pretrain-test/$class"
done
for class in "${second[@]}"; do
    ln -s "$test_png/$class" "$work/data/few-test/$class"
    ln -s "$train_png/$class" "$work/data/all-train/$class"
    mkdir -p "$work/data/few-train/$class"
    mapfile -t files < <(find "$train_png/$class" -name '*.png' | sort)   # not `| head`: its early exit fails the pipe under pipefail
    for file in "${files[@]:0:$per_class}"; do ln -s "$file" "$work/data/few-train/$class/"; done
done

augmentation=""
[[ "$augment" == true ]] && augmentation=', "augmentation": { "cropPadding": 2, "horizontalFlip": true }'
pipeline() { # name path testPath validationFraction epochs learningRate transfer-json
    cat > "$work/$1.json" <<JSON
{
  "version": 1,
  "name": "$1",
  "data": { "source": "folder", "path": "$2", "testPath": "$3", "validationFraction": $4, "seed": 1 },
  "input": { "width": 28, "height": 28, "channels": 1, "mean": [0.5], "std": [0.5] },
  "model": { "name": "$model" },
  "training": { "optimizer": "adam", "learningRate": $6, "batchSize": 32, "epochs": $5, "seed": 1, "device": "cpu"$augmentation }$7
}
JSON
}

run() { # name -> prints "accuracy seconds"
    local log="$work/runs/$1.log"
    mkdir -p "$work/runs/$1"
    /usr/bin/time -f "%e" -o "$work/runs/$1.time" "${CTK[@]}" train "$work/$1.json" -o "$work/runs/$1/model.zip" > "$log" 2>&1 \
        || { echo "ctk train $1 failed; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("%.4f %.1f" % (m["microAccuracy"], m["trainingSeconds"]))' "$work/runs/$1/metrics.json"
}

pipeline pretrain "$work/data/pretrain-train" "$work/data/pretrain-test" 0.1 "$pretrain_epochs" 0.001 ""
if [[ -f "$work/runs/pretrain/model.zip" && "$(cat "$work/runs/pretrain.settings" 2>/dev/null)" == "$model $pretrain_epochs $augment" ]]; then
    echo "== 1. reusing the $model pretrained on classes 0-4 in $work/runs/pretrain (same model and epochs)"
    read -r pretrain_acc pretrain_s < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("%.4f %.1f" % (m["microAccuracy"], m["trainingSeconds"]))' "$work/runs/pretrain/metrics.json")
else
    echo "== 1. pretraining $model on classes 0-4 ($pretrain_epochs epochs)"
    read -r pretrain_acc pretrain_s < <(run pretrain)
    echo "$model $pretrain_epochs $augment" > "$work/runs/pretrain.settings"
fi
weights="$work/runs/pretrain/model.zip"
echo "   test accuracy on classes 0-4: $pretrain_acc ($pretrain_s s)"

echo "== 2. classes 5-9 from $per_class images per class, $epochs epochs each"
pipeline scratch "$work/data/few-train" "$work/data/few-test" 0 "$epochs" "$lr" ""
pipeline bottleneck "$work/data/few-train" "$work/data/few-test" 0 "$epochs" "$lr" \
    ", \"transfer\": { \"weights\": \"$weights\", \"mode\": \"bottleneck\", \"featureCache\": \"$work/features\", \"reuseCachedFeatures\": false }"
pipeline finetune "$work/data/few-train" "$work/data/few-test" 0 "$epochs" "$lr" \
    ", \"transfer\": { \"weights\": \"$weights\", \"mode\": \"finetune\", \"headEpochs\": $head_epochs, \"backboneLearningRateFactor\": $backbone_factor }"
read -r scratch_acc scratch_s < <(run scratch)
read -r bottleneck_acc bottleneck_s < <(run bottleneck)
read -r finetune_acc finetune_s < <(run finetune)

echo "== 3. bottleneck feature throughput on the training images of classes 5-9"
pipeline throughput "$work/data/all-train" "$work/data/few-test" 0 1 "$lr" \
    ", \"transfer\": { \"weights\": \"$weights\", \"mode\": \"bottleneck\", \"featureCache\": \"$work/features\", \"reuseCachedFeatures\": false }"
run throughput > /dev/null
features_line="$(grep -m1 'train features:' "$work/runs/throughput.log" || true)"
images_per_s="$(sed -n 's/.*(\([0-9]*\) images\/s).*/\1/p' <<< "$features_line")"

echo
echo "classes 5-9 from $per_class images per class ($model, $epochs epochs, learning rate $lr, test: all 5,000 test images of classes 5-9)"
printf '%-12s %10s %14s\n' run accuracy "train seconds"
printf '%-12s %10s %14s\n' scratch "$scratch_acc" "$scratch_s" bottleneck "$bottleneck_acc" "$bottleneck_s" finetune "$finetune_acc" "$finetune_s"
echo "pretraining on classes 0-4: test accuracy $pretrain_acc, $pretrain_s s"
echo "bottleneck features: ${features_line#*features: } -> ${images_per_s:-?} images/s"
echo "RESULT transfer bottleneck_acc=$bottleneck_acc bottleneck_s=$bottleneck_s finetune_acc=$finetune_acc finetune_s=$finetune_s scratch_acc=$scratch_acc scratch_s=$scratch_s features_per_s=${images_per_s:-?}"
echo "transfer_acc=$finetune_acc scratch_acc=$scratch_acc"
