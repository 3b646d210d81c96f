-- AlterTable
ALTER TABLE "UsageRollup" ADD COLUMN     "qualityHist" INTEGER[];
